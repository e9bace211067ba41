using Kindred.Core.Common;
using Kindred.Core.Events;

namespace Kindred.UnitTests.Events;

/// <summary>A reminder's "When:" is written through TimeFormat (ADR 84): on the recipient's clock in the organization's
/// region, with the event's own clock beside it when the event is elsewhere.</summary>
public class EventReminderTextTests
{
    private static readonly DateTime Start = new(2026, 12, 10, 15, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void AnEventInTheRecipientsZoneIsWrittenOnTheirClockWithTheirZone()
    {
        var times = new TimeFormat(TimeZones.Find("America/Toronto"), TimeCultures.For("en", "America/Toronto"));
        var text = EventReminderText.English.Time(Start, "America/Toronto", times);
        Assert.Equal(times.Exact(Start), text);
        Assert.EndsWith("(America/Toronto)", text, StringComparison.Ordinal);
        Assert.Contains("10:00", text, StringComparison.Ordinal);
        Assert.Equal("en-CA", times.Culture.Name);
    }

    [Fact]
    public void AnEventElsewhereAddsItsOwnClockInBothLanguages()
    {
        var times = new TimeFormat(TimeZones.Find("America/Toronto"), TimeCultures.For("fr", "America/Toronto"));
        var text = EventReminderText.FrenchText.Time(Start, "Europe/Paris", times);
        var paris = new TimeFormat(TimeZones.Find("Europe/Paris"), times.Culture).Time(Start);
        Assert.Equal($"{times.Exact(Start)}, soit {paris} à Paris", text);

        var english = new TimeFormat(TimeZones.Find("Europe/London"), TimeCultures.For("en", "Europe/London"));
        Assert.EndsWith(", 16:00 in Paris", EventReminderText.English.Time(Start, "Europe/Paris", english), StringComparison.Ordinal);
    }
}
