using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon;

namespace Kindred.Server.KindredApi.Events;

/// <summary>
/// Reads an event from request parameters: Rebased's names (name, content, start_time, end_time) with Kindred's
/// additions (time_zone, recurrence, mode, place_name, address, area_name, latitude, longitude, online_url, capacity,
/// visibility, group_id, questions[]). On update only the parameters sent change anything.
/// </summary>
public static class EventParams
{
    /// <param name="defaultZone">The organization's time zone (ADR 55), for a new event that names none.</param>
    public static EventInput Read(MastodonParams input, bool create, string baseUrl, string? defaultZone = null) => new()
    {
        Title = input.Value("name", 1_000) ?? input.Value("title", 1_000),
        Description = input.Value("content", 20_000) ?? input.Value("description", 20_000),
        StartsAt = Time(input, "start_time"),
        EndsAt = Time(input, "end_time"),
        TimeZone = input.Value("time_zone", 100) ?? (create ? defaultZone ?? "UTC" : null),
        Recurrence = input.Has("recurrence") ? input.Value("recurrence", 1_000) ?? "" : null,
        Mode = Mode(input.Value("mode", 20)),
        PlaceName = input.Value("place_name", 1_000),
        Address = input.Value("address", 2_000),
        AreaName = input.Value("area_name", 1_000),
        Latitude = input.Number("latitude"),
        Longitude = input.Number("longitude"),
        OnlineUrl = input.Value("online_url", 4_000),
        Capacity = input.WholeNumber("capacity"),
        Visibility = Visibility(input.Value("visibility", 20)),
        GroupId = input.Id("group_id"),
        Questions = input.Has("questions") ? input.List("questions") : null,
        BaseUrl = baseUrl,
    };

    /// <summary>An ISO 8601 instant (with its offset), or null when absent.</summary>
    public static DateTimeOffset? Time(MastodonParams input, string key)
    {
        var value = input.Value(key, 60);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        // Years outside 1900-2200 are refused: nothing real happens there, and 9999-12-31 overflows the date arithmetic
        // of lists and occurrences (a 500 before).
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) && time.UtcDateTime.Year is >= 1900 and <= 2200
            ? time
            : throw KindredException.Invalid(key, $"{key} must be an ISO 8601 date and time between the years 1900 and 2200, e.g. 2026-12-05T19:00:00Z.");
    }

    public static RsvpResponse Response(string? value) => value switch
    {
        "going" or "accept" or "join" => RsvpResponse.Going,
        "maybe" => RsvpResponse.Maybe,
        "not_going" or "leave" => RsvpResponse.NotGoing,
        _ => throw KindredException.Invalid("response", "response must be going, maybe or not_going."),
    };

    /// <summary>in_person or online; null when absent. Used for an event's own mode and for filtering the upcoming list.</summary>
    public static EventMode? Mode(string? value) => value switch
    {
        null or "" => null,
        "in_person" => EventMode.InPerson,
        "online" => EventMode.Online,
        _ => throw KindredException.Invalid("mode", "mode must be in_person or online."),
    };

    private static EventVisibility? Visibility(string? value) => value switch
    {
        null or "" => null,
        "public" => EventVisibility.Public,
        "members" or "members_only" => EventVisibility.Members,
        "group" => EventVisibility.Group,
        _ => throw KindredException.Invalid("visibility", "visibility must be public, members or group."),
    };
}
