using Ical.Net;
using Ical.Net.DataTypes;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Xunit;

namespace Kindred.UnitTests.Events;

public class EventCalendarTests
{
    private const string Base = "https://community.example.org";

    private static Event Weekly(string zone, DateTime firstStartUtc, string? exceptions = null) => new()
    {
        Id = 42,
        Title = "Knitting circle",
        TimeZone = zone,
        StartsAt = firstStartUtc,
        EndsAt = firstStartUtc.AddHours(2),
        Recurrence = EventRecurrence.Normalize("FREQ=WEEKLY;BYDAY=TU"),
        RecurrenceExceptions = exceptions,
        PlaceName = "Community hall",
        Address = "12 Secret Lane",
        AreaName = "Riverside",
        CreatedAt = new DateTime(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc),
        UpdatedAt = new DateTime(2026, 9, 1, 10, 0, 0, DateTimeKind.Utc),
    };

    private static List<Ical.Net.DataTypes.CalDateTime> Expand(string ics, DateTime fromUtc, int count)
    {
        var calendar = Calendar.Load(ics)!;
        return calendar.Events.Single().GetOccurrences(new CalDateTime(DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc))).Take(count).Select(o => o.Period.StartTime).ToList();
    }

    [Fact]
    public void ControlCharactersInMemberTextLeaveTheFileReadable()
    {
        // A title with U+0016 made the whole file unreadable (afl-fuzz, fuzz/corpus/calendar/crash-control-character).
        var ev = Weekly("Europe/Paris", new DateTime(2026, 10, 13, 17, 0, 0, DateTimeKind.Utc));
        ev.Title = "Title\u0016 with; comma\\ and\r\nbreak";
        ev.PlaceName = "Hall\u0001";

        var calendar = Calendar.Load(EventCalendar.Write([new CalendarEntry(ev, true)], "Group\u001b name", Base))!;

        var read = calendar.Events.Single();
        Assert.Equal("Title with; comma\\ and\nbreak", read.Summary);
        Assert.StartsWith("Hall, ", read.Location, StringComparison.Ordinal);
    }

    [Theory]
    // British Summer Time ends on 25 October 2026 and starts on 28 March 2027; New York's on 1 November 2026.
    [InlineData("Europe/London", "2026-10-13T18:00:00Z", 19)]
    [InlineData("Europe/London", "2027-03-16T19:00:00Z", 19)]
    [InlineData("America/New_York", "2026-10-20T23:30:00Z", 19)]
    public void AWeeklySeriesReadBackByIcalNetKeepsItsLocalTimeAcrossADaylightSavingChange(string zone, string first, int localHour)
    {
        var start = DateTime.Parse(first, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
        var ics = EventCalendar.Write([new CalendarEntry(Weekly(zone, start), false)], "Test", Base);

        Assert.Contains($"DTSTART;TZID={zone}:", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VTIMEZONE", ics, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=WEEKLY;BYDAY=TU", ics, StringComparison.Ordinal);
        var starts = Expand(ics, start.AddDays(-1), 5);
        Assert.Equal(5, starts.Count);
        var tz = TimeZoneInfo.FindSystemTimeZoneById(zone);
        var locals = starts.Select(s => TimeZoneInfo.ConvertTimeFromUtc(s.AsUtc, tz)).ToList();
        Assert.All(locals, l => Assert.Equal(localHour, l.Hour));
        Assert.All(locals, l => Assert.Equal(DayOfWeek.Tuesday, l.DayOfWeek));
        // The UTC instants did move: the change is inside the five weeks.
        Assert.True(starts.Select(s => s.AsUtc.Hour).Distinct().Count() == 2, string.Join(", ", starts.Select(s => s.AsUtc)));
    }

    [Fact]
    public void AnExceptedOccurrenceIsAnExdateAndIsNotExpanded()
    {
        var ev = Weekly("Europe/London", new DateTime(2026, 10, 13, 18, 0, 0, DateTimeKind.Utc), "2026-10-20T19:00");
        var ics = EventCalendar.Write([new CalendarEntry(ev, false)], null, Base);
        Assert.Contains("EXDATE;TZID=Europe/London:20261020T190000", ics, StringComparison.Ordinal);
        var starts = Expand(ics, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), 3).Select(s => s.AsUtc).ToList();
        Assert.Equal([new DateTime(2026, 10, 13, 18, 0, 0), new DateTime(2026, 10, 27, 19, 0, 0), new DateTime(2026, 11, 3, 19, 0, 0)], starts);
    }

    [Fact]
    public void TheAddressAndTheOnlineLinkAreOnlyWrittenWithPrivateDetails()
    {
        var ev = Weekly("Europe/London", new DateTime(2026, 10, 13, 18, 0, 0, DateTimeKind.Utc));
        Assert.Equal("Community hall, Riverside", EventCalendar.Location(ev, false));
        Assert.Equal("Community hall, 12 Secret Lane", EventCalendar.Location(ev, true));
        ev.Mode = EventMode.Online;
        ev.OnlineUrl = "https://meet.example.org/room";
        ev.PlaceName = null;
        Assert.Equal("Online", EventCalendar.Location(ev, false));
        Assert.Equal("https://meet.example.org/room", EventCalendar.Location(ev, true));
    }

    [Fact]
    public void TheFileIsStableValidAndCarriesUidSequenceUrlAndStatus()
    {
        var ev = Weekly("Europe/London", new DateTime(2026, 10, 13, 18, 0, 0, DateTimeKind.Utc));
        var first = EventCalendar.Write([new CalendarEntry(ev, false)], "Riverside", Base);
        Assert.Equal(first, EventCalendar.Write([new CalendarEntry(ev, false)], "Riverside", Base));
        Assert.Contains("\r\n", first, StringComparison.Ordinal);
        Assert.Contains("UID:event-42@community.example.org", first, StringComparison.Ordinal);
        Assert.Contains("URL:https://community.example.org/events/42", first, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:0", first, StringComparison.Ordinal);
        Assert.Contains("STATUS:CONFIRMED", first, StringComparison.Ordinal);
        Assert.Contains("X-WR-CALNAME:Riverside", first, StringComparison.Ordinal);

        ev.UpdatedAt = ev.CreatedAt.AddHours(1);
        ev.CancelledAt = ev.CreatedAt.AddHours(2);
        var cancelled = Calendar.Load(EventCalendar.Write([new CalendarEntry(ev, false)], null, Base))!.Events.Single();
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(7200, cancelled.Sequence);
        Assert.Equal("event-42@community.example.org", cancelled.Uid);
    }

    [Fact]
    public void OneOccurrenceOfASeriesHasItsOwnUidAndNoRule()
    {
        var ev = Weekly("Europe/London", new DateTime(2026, 10, 13, 18, 0, 0, DateTimeKind.Utc));
        var occurrence = new DateTime(2026, 10, 27, 19, 0, 0, DateTimeKind.Utc);
        var item = Calendar.Load(EventCalendar.Write([new CalendarEntry(ev, true, occurrence)], null, Base))!.Events.Single();
        Assert.Equal("event-42-20261027T190000Z@community.example.org", item.Uid);
        Assert.Null(item.RecurrenceRule);
        Assert.Equal(occurrence, item.DtStart!.AsUtc);
        Assert.Equal(19, item.DtStart.Value.Hour);
        Assert.Equal(occurrence.AddHours(2), item.DtEnd!.AsUtc);
    }
}
