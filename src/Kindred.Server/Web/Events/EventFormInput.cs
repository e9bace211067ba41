using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Places;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Events;

/// <summary>
/// The fields of the new-event and edit-event forms, as typed. Dates, times and numbers stay text until
/// <see cref="ToInput"/>, so a typo becomes an error beside its field instead of a value silently dropped by binding.
/// Times are local to <see cref="TimeZone"/>: organizers think "19:00 in Lyon", not in UTC.
/// </summary>
public sealed class EventFormInput
{
    public string? Title { get; set; }
    public string? Description { get; set; }

    /// <summary>yyyy-MM-dd, as an input type="date" sends it.</summary>
    public string? Date { get; set; }

    /// <summary>HH:mm, as an input type="time" sends it.</summary>
    public string? StartTime { get; set; }

    /// <summary>Only for events that end on a later day; blank means the same day.</summary>
    public string? EndDate { get; set; }
    public string? EndTime { get; set; }
    public string? TimeZone { get; set; }
    public EventRepeat Repeat { get; set; }

    /// <summary>For weekly events: "MO".."SU", or blank for the weekday of <see cref="Date"/>.</summary>
    public string? Weekday { get; set; }

    /// <summary>The last date a series may fall on; blank for no end.</summary>
    public string? Until { get; set; }
    public EventMode Mode { get; set; }
    public string? PlaceName { get; set; }
    public string? Address { get; set; }
    public string? AreaName { get; set; }
    public string? Latitude { get; set; }
    public string? Longitude { get; set; }
    public string? OnlineUrl { get; set; }
    public string? Capacity { get; set; }
    public string? Question1 { get; set; }
    public string? Question2 { get; set; }
    public string? Question3 { get; set; }
    public EventVisibility Visibility { get; set; }

    /// <summary>The group's id as text; blank for an event outside any group.</summary>
    public string? Group { get; set; }

    /// <summary>Who organizes a new event, for staff (ADR 65): "organization" for the organization's account.</summary>
    public string? OrganizeAs { get; set; }

    public const string AsOrganization = "organization";

    /// <summary>The weekdays in RRULE spelling, Monday first, for the weekday select.</summary>
    public static readonly IReadOnlyList<(string Code, DayOfWeek Day)> Weekdays =
    [
        ("MO", DayOfWeek.Monday), ("TU", DayOfWeek.Tuesday), ("WE", DayOfWeek.Wednesday), ("TH", DayOfWeek.Thursday),
        ("FR", DayOfWeek.Friday), ("SA", DayOfWeek.Saturday), ("SU", DayOfWeek.Sunday),
    ];

    /// <summary>The core's field names (and this form's own) mapped to these properties, for errors beside their input.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["title"] = nameof(Title),
        ["description"] = nameof(Description),
        ["date"] = nameof(Date),
        ["start_time"] = nameof(StartTime),
        ["end_date"] = nameof(EndDate),
        ["end_time"] = nameof(EndTime),
        ["time_zone"] = nameof(TimeZone),
        ["recurrence"] = nameof(Repeat),
        ["until"] = nameof(Until),
        ["place_name"] = nameof(PlaceName),
        ["address"] = nameof(Address),
        ["area_name"] = nameof(AreaName),
        ["latitude"] = nameof(Latitude),
        ["longitude"] = nameof(Longitude),
        ["online_url"] = nameof(OnlineUrl),
        ["capacity"] = nameof(Capacity),
        ["questions"] = nameof(Question1),
        ["group_id"] = nameof(Group),
        ["visibility"] = nameof(Visibility),
    };

    /// <summary>The form for an existing event, with its first occurrence shown in the event's own time zone.</summary>
    public static EventFormInput From(Event ev, IReadOnlyList<string> questions)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZone);
        var start = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(ev.StartsAt, DateTimeKind.Utc), zone);
        var end = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(ev.EndsAt, DateTimeKind.Utc), zone);
        var (repeat, weekday, until) = ReadRule(ev.Recurrence, zone);
        return new EventFormInput
        {
            Title = ev.Title,
            Description = ev.Description,
            Date = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartTime = start.ToString("HH:mm", CultureInfo.InvariantCulture),
            EndDate = end.Date == start.Date ? null : end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            EndTime = end.ToString("HH:mm", CultureInfo.InvariantCulture),
            TimeZone = ev.TimeZone,
            Repeat = repeat,
            Weekday = weekday,
            Until = until,
            Mode = ev.Mode,
            PlaceName = ev.PlaceName,
            Address = ev.Address,
            AreaName = ev.AreaName,
            Latitude = ev.Latitude?.ToString(CultureInfo.InvariantCulture),
            Longitude = ev.Longitude?.ToString(CultureInfo.InvariantCulture),
            OnlineUrl = ev.OnlineUrl,
            Capacity = ev.Capacity?.ToString(CultureInfo.InvariantCulture),
            Question1 = questions.ElementAtOrDefault(0),
            Question2 = questions.ElementAtOrDefault(1),
            Question3 = questions.ElementAtOrDefault(2),
            Visibility = ev.Visibility,
            Group = ev.GroupId?.ToString(CultureInfo.InvariantCulture),
        };
    }

    /// <summary>
    /// Turns the area field into a place (ADR 88): a chosen place sets the area name and the coarse centre, so the form
    /// never asks for coordinates. A form that still posts coordinates (an older page, a script) keeps them as typed.
    /// </summary>
    public async Task PickPlaceAsync(PlaceQueries places, Event? current, CancellationToken ct)
    {
        if (Latitude is not null || Longitude is not null)
        {
            return;
        }
        var pick = await places.PickAsync(AreaName, current?.AreaName, current?.Latitude, current?.Longitude, "area_name", ct);
        AreaName = pick.AreaName;
        Latitude = pick.Latitude?.ToString(CultureInfo.InvariantCulture);
        Longitude = pick.Longitude?.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What the core is asked to write. Throws <see cref="KindredException"/> (with a field) for what this form checks itself.</summary>
    public EventInput ToInput()
    {
        var zone = EventRules.Zone(TimeZone);
        var date = ParseDate(Date, "date", "Enter the date as a day, month and year.");
        var startTime = ParseTime(StartTime, "start_time", "Enter the start time, such as 19:00.");
        var endTime = ParseTime(EndTime, "end_time", "Enter the end time, such as 21:00.");
        var endDate = string.IsNullOrWhiteSpace(EndDate) ? date : ParseDate(EndDate, "end_date", "Enter the end date as a day, month and year.");
        string? weekday = null;
        if (Repeat == EventRepeat.Weekly && !string.IsNullOrWhiteSpace(Weekday))
        {
            var chosen = Weekdays.FirstOrDefault(w => w.Code == Weekday.Trim().ToUpperInvariant());
            if (chosen.Code is null)
            {
                throw KindredException.Invalid("recurrence", "Choose a day of the week.");
            }
            // The series starts on the first chosen weekday on or after the date, so the first occurrence follows the rule too.
            var shift = ((int)chosen.Day - (int)date.DayOfWeek + 7) % 7;
            date = date.AddDays(shift);
            endDate = endDate.AddDays(shift);
            weekday = chosen.Code;
        }
        var start = ToUtc(date.ToDateTime(startTime), zone, "start_time");
        var end = ToUtc(endDate.ToDateTime(endTime), zone, "end_time");
        var rule = Rule(date, weekday, zone);
        var latitude = Number(Latitude, "latitude", "The latitude must be a number between -90 and 90, such as 45.76.");
        var longitude = Number(Longitude, "longitude", "The longitude must be a number between -180 and 180, such as 4.84.");
        if (latitude is < -90 or > 90)
        {
            throw KindredException.Invalid("latitude", "The latitude must be a number between -90 and 90, such as 45.76.");
        }
        if (longitude is < -180 or > 180)
        {
            throw KindredException.Invalid("longitude", "The longitude must be a number between -180 and 180, such as 4.84.");
        }
        int? capacity = 0;
        if (!string.IsNullOrWhiteSpace(Capacity))
        {
            capacity = int.TryParse(Capacity.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var places)
                ? places
                : throw KindredException.Invalid("capacity", "The number of places must be a whole number, or empty for no limit.");
        }
        long? groupId = null;
        if (!string.IsNullOrWhiteSpace(Group))
        {
            groupId = Ids.TryParse(Group, out var id)
                ? id
                : throw KindredException.Invalid("group_id", "Choose one of your groups.");
        }
        if (Visibility == EventVisibility.Group && groupId is null)
        {
            throw KindredException.Invalid("group_id", "Choose the group whose members should see this event.");
        }
        var online = Mode == EventMode.Online;
        return new EventInput
        {
            Title = Title ?? "",
            Description = Description ?? "",
            StartsAt = start,
            EndsAt = end,
            TimeZone = zone.Id,
            Recurrence = rule ?? "",
            Mode = Mode,
            // The other mode's fields are cleared, so an address typed before switching to online never lingers.
            PlaceName = online ? "" : PlaceName ?? "",
            Address = online ? "" : Address ?? "",
            AreaName = online ? "" : AreaName ?? "",
            Latitude = online ? null : latitude,
            Longitude = online ? null : longitude,
            OnlineUrl = online ? OnlineUrl ?? "" : "",
            Capacity = capacity,
            Visibility = Visibility,
            GroupId = groupId,
            Questions = [Question1 ?? "", Question2 ?? "", Question3 ?? ""],
        };
    }

    private string? Rule(DateOnly date, string? weekday, TimeZoneInfo zone)
    {
        if (Repeat == EventRepeat.None)
        {
            return null;
        }
        var rule = Repeat == EventRepeat.Weekly
            ? "FREQ=WEEKLY;BYDAY=" + (weekday ?? Weekdays.First(w => w.Day == date.DayOfWeek).Code)
            : "FREQ=MONTHLY";
        if (!string.IsNullOrWhiteSpace(Until))
        {
            var until = ParseDate(Until, "until", "Enter the last date as a day, month and year.");
            if (until < date)
            {
                throw KindredException.Invalid("until", "The last date must be on or after the first.");
            }
            // RFC 5545: with a zoned start, UNTIL is a UTC instant; the end of that local day keeps its occurrence in.
            var lastMoment = ToUtc(until.ToDateTime(new TimeOnly(23, 59, 59)), zone, "until");
            rule += ";UNTIL=" + lastMoment.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        }
        return rule;
    }

    /// <summary>The repeat choice, weekday and last date a stored rule stands for; rules the form cannot express show as weekly/monthly without detail.</summary>
    private static (EventRepeat Repeat, string? Weekday, string? Until) ReadRule(string? rule, TimeZoneInfo zone)
    {
        if (string.IsNullOrEmpty(rule))
        {
            return (EventRepeat.None, null, null);
        }
        var parts = rule.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].ToUpperInvariant(), p => p[1], StringComparer.Ordinal);
        var repeat = parts.GetValueOrDefault("FREQ") == "MONTHLY" ? EventRepeat.Monthly : EventRepeat.Weekly;
        var weekday = parts.GetValueOrDefault("BYDAY") is { Length: 2 } day ? day : null;
        string? until = null;
        if (parts.GetValueOrDefault("UNTIL") is { } text
            && DateTime.TryParseExact(text, ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd"], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
        {
            until = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(instant, DateTimeKind.Utc), zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        return (repeat, weekday, until);
    }

    private static DateTimeOffset ToUtc(DateTime local, TimeZoneInfo zone, string field)
    {
        if (zone.IsInvalidTime(local))
        {
            throw KindredException.Invalid(field, "That time does not exist on that day in this time zone (the clocks change). Choose another time.");
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    private static DateOnly ParseDate(string? text, string field, string message) =>
        DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) && date.Year is >= 1900 and <= 2200
            ? date
            : throw KindredException.Invalid(field, message);

    private static TimeOnly ParseTime(string? text, string field, string message) =>
        TimeOnly.TryParseExact((text ?? "").Trim(), ["HH:mm", "HH:mm:ss", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw KindredException.Invalid(field, message);

    // Typed with a dot or a comma: French keyboards and habits write "45,76".
    private static double? Number(string? text, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        return double.TryParse(text.Trim().Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw KindredException.Invalid(field, message);
    }
}
