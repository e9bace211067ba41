using System.Globalization;
using System.Text;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// The text of an event's announcement post (ADR 28, 32): an ordinary status any Mastodon client reads — the title, the
/// date and time in the event's own zone, the place name (never the address) and a link to the event page. It is
/// written in the organizer's language (their locale, as their reminders and digests are), since it is their post.
/// </summary>
public static class EventAnnouncement
{
    /// <param name="times">The event's own zone in the organization's region (ADR 84).</param>
    public static string Text(Event ev, string baseUrl, EventReminderText words, TimeFormat times)
    {
        var text = new StringBuilder();
        text.Append("📅 ").Append(Flatten(ev.Title)).Append('\n');
        var when = times.DateAndTime(ev.StartsAt);
        when += times.Local(ev.StartsAt).Date == times.Local(ev.EndsAt).Date
            ? "–" + times.Time(ev.EndsAt)
            : " – " + times.DateAndTime(ev.EndsAt);
        text.Append("🕒 ").Append(when).Append(" (").Append(ev.TimeZone).Append(")\n");
        if (ev.Recurrence is not null)
        {
            text.Append("🔁 ").Append(words.Repeats(ev.Recurrence)).Append('\n');
        }
        var place = ev.Mode == EventMode.Online ? words.Online : ev.PlaceName;
        if (!string.IsNullOrEmpty(ev.AreaName) && ev.Mode != EventMode.Online)
        {
            place = string.IsNullOrEmpty(place) ? ev.AreaName : $"{place}, {ev.AreaName}";
        }
        if (!string.IsNullOrEmpty(place))
        {
            text.Append("📍 ").Append(Flatten(place)).Append('\n');
        }
        text.Append('\n').Append(Link(baseUrl, ev.Id));
        return text.ToString();
    }

    public static string Link(string baseUrl, long eventId) =>
        $"{baseUrl.TrimEnd('/')}/events/{eventId.ToString(CultureInfo.InvariantCulture)}";

    // One line each, and no accidental mentions of people whose names appear in a title.
    private static string Flatten(string value) => value.ReplaceLineEndings(" ").Replace("@", "@\u200B", StringComparison.Ordinal);
}
