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
    public void BadRulesAreRefusedWithAClearMessage(string rule)
    {
        var error = Assert.Throws<KindredException>(() => EventRecurrence.Normalize(rule));
        Assert.Equal("recurrence", error.Field);
    }
}
