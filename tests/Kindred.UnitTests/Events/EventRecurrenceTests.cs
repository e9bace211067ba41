using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Xunit;

namespace Kindred.UnitTests.Events;

public class EventRecurrenceTests
{
    [Fact]
    public void AWeeklyEveningKeepsItsLocalTimeAcrossTheEndOfSummerTime()
    {
        // Tuesdays at 19:00 in London; British Summer Time ends on Sunday 25 October 2026.
        var ev = new Event
        {
            Title = "Knitting circle",
            TimeZone = "Europe/London",
            StartsAt = new DateTime(2026, 10, 13, 18, 0, 0, DateTimeKind.Utc),
            EndsAt = new DateTime(2026, 10, 13, 20, 0, 0, DateTimeKind.Utc),
            Recurrence = EventRecurrence.Normalize("FREQ=WEEKLY;BYDAY=TU"),
        };

        var starts = EventRecurrence.Occurrences(ev, new DateTime(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 4, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal(
            [
                new DateTime(2026, 10, 13, 18, 0, 0, DateTimeKind.Utc),
                new DateTime(2026, 10, 20, 18, 0, 0, DateTimeKind.Utc),
                new DateTime(2026, 10, 27, 19, 0, 0, DateTimeKind.Utc),
                new DateTime(2026, 11, 3, 19, 0, 0, DateTimeKind.Utc),
            ],
            starts);
    }

    [Fact]
    public void AnExceptedOccurrenceIsLeftOut()
    {
        var ev = new Event
        {
            Title = "Coffee morning",
            TimeZone = "Europe/Paris",
            StartsAt = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc),
            EndsAt = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc),
            Recurrence = "FREQ=WEEKLY;COUNT=4",
            RecurrenceExceptions = "2026-12-15T10:00",
        };

        var starts = EventRecurrence.Occurrences(ev, ev.StartsAt, ev.StartsAt.AddDays(60));

        Assert.Equal([1, 8, 22], starts.Select(s => s.Day));
    }

    [Theory]
    [InlineData("rrule:freq=weekly;byday=tu", "FREQ=WEEKLY;BYDAY=TU")]
    [InlineData("  ", null)]
    [InlineData(null, null)]
    public void RulesAreNormalized(string? given, string? expected) =>
        Assert.Equal(expected, EventRecurrence.Normalize(given));

    [Theory]
    [InlineData("FREQ=SOMETIMES")]
    [InlineData("FREQ=HOURLY")]
    [InlineData("not a rule")]
    // Past int's range: Ical.Net's parser overflowed, a 500 on create (afl-fuzz, fuzz/corpus/rrule/crash-interval-overflow).
    [InlineData("FREQ=DAILY;INTERVAL=99999999999")]
    [InlineData("FREQ=DAILY;COUNT=99999999999")]
    public void BadRulesAreRefusedWithAClearMessage(string rule)
    {
        var error = Assert.Throws<KindredException>(() => EventRecurrence.Normalize(rule));
        Assert.Equal("recurrence", error.Field);
    }

    [Theory]
    [InlineData("FREQ=DAILY;BYHOUR=9,18")]
    [InlineData("FREQ=WEEKLY;COUNT=1001")]
    [InlineData("FREQ=YEARLY;INTERVAL=100")]
    public void RulesThatCostTooMuchAreRefused(string rule)
    {
        var error = Assert.Throws<KindredException>(() => EventRecurrence.Normalize(rule));
        Assert.Equal("recurrence", error.Field);
    }

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31")]
    [InlineData("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=WEEKLY;UNTIL=20000101T000000Z")]
    [InlineData("FREQ=YEARLY;INTERVAL=5;BYMONTH=1;BYMONTHDAY=1")]
    public void ARuleWithoutADateInTheTwoYearsAfterItsStartIsRefused(string rule)
    {
        var start = new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Utc);
        var error = Assert.Throws<KindredException>(() => EventRecurrence.RequireOccurs(EventRecurrence.Normalize(rule)!, start, "Europe/Paris"));
        Assert.Equal("recurrence", error.Field);
    }

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29")]
    [InlineData("FREQ=MONTHLY;BYMONTHDAY=31")]
    [InlineData("FREQ=WEEKLY;BYDAY=TU")]
    public void RareButRealRulesAreAccepted(string rule) =>
        EventRecurrence.RequireOccurs(EventRecurrence.Normalize(rule)!, new DateTime(2026, 3, 2, 18, 0, 0, DateTimeKind.Utc), "Europe/Paris");

    [Fact]
    public void AStoredRuleThatNeverOccursReadsAsItsFirstDateOnly()
    {
        var ev = new Event
        {
            Id = 4242,
            Title = "Never",
            TimeZone = "Europe/Paris",
            StartsAt = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc),
            EndsAt = new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc),
            Recurrence = "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30",
        };

        var starts = EventRecurrence.Occurrences(ev, ev.StartsAt.AddDays(-1), ev.StartsAt.AddDays(400));

        Assert.Equal([ev.StartsAt], starts);
        Assert.Null(EventOccurrences.Next(ev, ev.StartsAt.AddDays(2)));
    }
}
