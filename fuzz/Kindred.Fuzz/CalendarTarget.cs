using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Data.Entities;

namespace Kindred.Fuzz;

/// <summary>
/// The .ics writer (<see cref="EventCalendar.Write"/>) over what members type into an event: title, place, address,
/// description and a stored repeat rule. The file must parse back as one event with the title as written, so no member
/// text can add a property or an event of its own.
/// </summary>
public static class CalendarTarget
{
    public static void Run(byte[] data)
    {
        var fields = FuzzInput.Fields(data, 6);
        var start = new DateTime(2026, 6, 1, 17, 0, 0, DateTimeKind.Utc);
        var ev = new Event
        {
            Id = 42,
            Title = fields[0],
            PlaceName = fields[1],
            Address = fields[2],
            DescriptionHtml = SafeHtml.RenderMarkdown(fields[3]),
            Recurrence = fields[4].Length == 0 ? null : fields[4],
            RecurrenceExceptions = fields[5],
            TimeZone = "Europe/Paris",
            StartsAt = start,
            EndsAt = start.AddHours(2),
            CreatedAt = start.AddDays(-3),
            UpdatedAt = start.AddDays(-1),
        };
        var text = EventCalendar.Write([new CalendarEntry(ev, PrivateDetails: true)], fields[1], "https://kindred.example");
        var calendar = Ical.Net.Calendar.Load(text)
            ?? throw new BrokenPromiseException("the calendar parses back");
        Promise.Holds(calendar.Events.Count == 1, $"one event in the file (found {calendar.Events.Count})");
        var parsed = calendar.Events.Single();
        Promise.Holds(parsed.Uid == EventCalendar.Uid(42, null, "kindred.example"), "the event keeps its UID");
        Promise.Holds((parsed.Summary ?? "") == EventCalendar.Text(ev.Title), "the title reads back as written, without control characters");
    }
}
