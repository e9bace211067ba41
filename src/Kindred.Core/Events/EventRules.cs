using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// The limits on what an event may hold, and the checks that turn bad input into a clear 422 before anything is written.
/// Pure functions, so unit tests cover every limit without a database.
/// </summary>
public static class EventRules
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 10_000;
    public const int MaxPlaceName = 200;
    public const int MaxAddress = 500;
    public const int MaxAreaName = 100;
    public const int MaxUrl = 2_000;
    public const int MaxCapacity = 100_000;
    public const int MaxQuestions = Groups.GroupRules.MaxQuestions;
    public const int MaxQuestion = Groups.GroupRules.MaxQuestion;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(14);

    public static string Title(string? title) => Required(title, MaxTitle, "title", "The event needs a title.", "The title");

    public static string Description(string? text) => Optional(text, MaxDescription, "description", "The description") ?? "";

    public static string? PlaceName(string? text) => Optional(text, MaxPlaceName, "place_name", "The place name");

    public static string? Address(string? text) => Optional(text, MaxAddress, "address", "The address");

    public static string? AreaName(string? text) => Optional(text, MaxAreaName, "area_name", "The area name");

    public static TimeZoneInfo Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || !TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone))
        {
            throw KindredException.Invalid("time_zone", "Choose a time zone such as Europe/London.");
        }
        return zone;
    }

    /// <summary>The start and end as UTC: the end after the start, at most two weeks apart.</summary>
    public static (DateTime Start, DateTime End) Times(DateTimeOffset? start, DateTimeOffset? end)
    {
        if (start is not { } s)
        {
            throw KindredException.Invalid("start_time", "Say when the event starts.");
        }
        if (end is not { } e)
        {
            throw KindredException.Invalid("end_time", "Say when the event ends.");
        }
        var from = WholeSecond(s.UtcDateTime);
        var to = WholeSecond(e.UtcDateTime);
        if (to <= from)
        {
            throw KindredException.Invalid("end_time", "The event must end after it starts.");
        }
        if (to - from > MaxDuration)
        {
            throw KindredException.Invalid("end_time", "An event lasts at most 14 days; use a recurring event for a series.");
        }
        return (from, to);
    }

    /// <summary>Times are kept to the second: every page, link and answer names an occurrence to the second (ISO
    /// without fractions), so a start with milliseconds from an API client could never be answered on the web.</summary>
    private static DateTime WholeSecond(DateTime utc) => new(utc.Ticks - utc.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>An http(s) link for online events.</summary>
    public static string? OnlineUrl(string? url)
    {
        var clean = (url ?? "").Trim();
        if (clean.Length == 0)
        {
            return null;
        }
        if (clean.Length > MaxUrl || !Uri.TryCreate(clean, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw KindredException.Invalid("online_url", "The online link must be a web address starting with https://.");
        }
        return clean;
    }

    /// <summary>Null or 0 means no limit.</summary>
    public static int? Capacity(int? capacity)
    {
        if (capacity is null or 0)
        {
            return null;
        }
        if (capacity is < 0 or > MaxCapacity)
        {
            throw KindredException.Invalid("capacity", $"The capacity must be between 1 and {MaxCapacity}, or 0 for no limit.");
        }
        return capacity;
    }

    /// <summary>The same limits as a group's questions: blank ones dropped, at most three of at most 300 characters.</summary>
    public static List<string> Questions(IReadOnlyList<string> questions) => Groups.GroupRules.Questions(questions);

    /// <summary>Where the event is must match its mode: an online event needs its link.</summary>
    public static void Place(EventMode mode, string? onlineUrl)
    {
        if (mode == EventMode.Online && onlineUrl is null)
        {
            throw KindredException.Invalid("online_url", "An online event needs the link people join with.");
        }
    }

    private static string Required(string? text, int max, string field, string missing, string what) =>
        Optional(text, max, field, what) ?? throw KindredException.Invalid(field, missing);

    private static string? Optional(string? text, int max, string field, string what)
    {
        var clean = (text ?? "").Trim();
        if (clean.Length > max)
        {
            throw KindredException.Invalid(field, $"{what} is too long (at most {max} characters).");
        }
        return clean.Length == 0 ? null : clean;
    }
}
