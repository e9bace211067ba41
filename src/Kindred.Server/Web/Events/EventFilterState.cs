using System.Globalization;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Events;

/// <summary>
/// The filters of /events and /events/calendar as the query string carries them, so every filtered view is a link to
/// share or bookmark and works without JavaScript.
/// </summary>
public sealed record EventFilterState(bool NearMe, int Radius, string? Group, EventMode? Mode)
{
    public static readonly int[] Radii = [5, 10, 25, 50, 100, 250];

    public const int DefaultRadius = 25;

    public static EventFilterState Parse(string? near, string? radius, string? group, string? mode) => new(
        near == "me",
        int.TryParse(radius, NumberStyles.None, CultureInfo.InvariantCulture, out var r) ? r : DefaultRadius,
        string.IsNullOrWhiteSpace(group) ? null : group.Trim(),
        mode switch { "place" => EventMode.InPerson, "online" => EventMode.Online, _ => null });

    public bool Filtered => NearMe || Group is not null || Mode is not null;

    /// <summary>The query-string pairs of these filters (plus <paramref name="extra"/>), for links that keep them.</summary>
    public string Query(params (string Key, string? Value)[] extra)
    {
        var parts = new List<string>();
        void Add(string key, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add(key + "=" + Uri.EscapeDataString(value));
            }
        }
        Add("near", NearMe ? "me" : null);
        Add("radius", NearMe ? Radius.ToString(CultureInfo.InvariantCulture) : null);
        Add("group", Group);
        Add("mode", Mode switch { EventMode.InPerson => "place", EventMode.Online => "online", _ => null });
        foreach (var (key, value) in extra)
        {
            Add(key, value);
        }
        return parts.Count > 0 ? "?" + string.Join("&", parts) : "";
    }
}
