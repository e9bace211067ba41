using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

/// <summary>The one time formatter (ADR 84) across the days clocks change, in English and French, and which regional
/// English or French an organization's zone picks.</summary>
public class TimeFormatTests
{
    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    private static TimeFormat In(string zone, string language, string? organizationZone = null) =>
        new(TimeZones.Find(zone), TimeCultures.For(language, organizationZone ?? zone));

    // Narrow and ordinary no-break spaces differ between ICU versions; what people read is a space.
    private static string Plain(string text) => text.Replace('\u202F', ' ').Replace('\u00A0', ' ');

    [Fact]
    public void TheMinuteBeforeAndAfterSpringForwardInTorontoReadOneFiftyNineAndThreeInCanadianEnglish()
    {
        var toronto = In("America/Toronto", "en");
        Assert.Equal("en-CA", toronto.Culture.Name);
        // 8 March 2026: 02:00 EST becomes 03:00 EDT (07:00 UTC).
        Assert.Equal("1:59 a.m.", Plain(toronto.Time(Utc(2026, 3, 8, 6, 59))));
        Assert.Equal("3:00 a.m.", Plain(toronto.Time(Utc(2026, 3, 8, 7, 0))));
        Assert.Equal("Mar 8, 2026, 3:00 a.m.", Plain(toronto.DateAndTime(Utc(2026, 3, 8, 7, 0))));
    }

    [Fact]
    public void SpringForwardInMontrealReadsTheFrenchCanadianWay()
    {
        var montreal = In("America/Toronto", "fr");
        Assert.Equal("fr-CA", montreal.Culture.Name);
        Assert.Equal("01 h 59", Plain(montreal.Time(Utc(2026, 3, 8, 6, 59))));
        Assert.Equal("8 mars 2026, 03 h 00", Plain(montreal.DateAndTime(Utc(2026, 3, 8, 7, 0))));
    }

    [Fact]
    public void BothHalfPastTwosOfTheFallBackNightInParisReadTwoThirtyInFrenchAndBritishEnglish()
    {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET (01:00 UTC), so 02:30 happens twice, an hour apart.
        var first = Utc(2026, 10, 25, 0, 30);
        var second = Utc(2026, 10, 25, 1, 30);
        var french = In("Europe/Paris", "fr");
        Assert.Equal("fr-FR", french.Culture.Name);
        Assert.Equal("25 oct. 2026, 02:30", Plain(french.DateAndTime(first)));
        Assert.Equal("25 oct. 2026, 02:30", Plain(french.DateAndTime(second)));
        var english = In("Europe/Paris", "en");
        Assert.Equal("en-GB", english.Culture.Name);
        Assert.Equal("25 Oct 2026, 02:30", Plain(english.DateAndTime(first)));
        // The hour after the change is 03:30, not 02:30 a third time.
        Assert.Equal("03:30", english.Time(Utc(2026, 10, 25, 2, 30)));
    }

    [Fact]
    public void FallBackInNewYorkKeepsTheDateAndReadsInAmericanOrder()
    {
        // 1 November 2026: 02:00 EDT becomes 01:00 EST (06:00 UTC).
        var newYork = In("America/New_York", "en");
        Assert.Equal("en-US", newYork.Culture.Name);
        Assert.Equal("Nov 1, 2026, 1:30 AM", Plain(newYork.DateAndTime(Utc(2026, 11, 1, 5, 30))));
        Assert.Equal("Nov 1, 2026, 1:30 AM", Plain(newYork.DateAndTime(Utc(2026, 11, 1, 6, 30))));
        Assert.Equal("Oct 31, 2026, 11:30 PM", Plain(newYork.DateAndTime(Utc(2026, 11, 1, 3, 30))));
    }

    [Fact]
    public void TheExactTimeNamesTheWeekdayAndTheZone()
    {
        var paris = In("Europe/Paris", "fr");
        Assert.Equal("dimanche 25 octobre 2026, 02:30 (Europe/Paris)", Plain(paris.Exact(Utc(2026, 10, 25, 0, 30))));
    }

    [Fact]
    public void TheInstantForMachinesIsUtcWhateverTheReadersZone()
    {
        Assert.Equal("2026-10-25T00:30:00Z", TimeFormat.Iso(Utc(2026, 10, 25, 0, 30)));
        Assert.Equal("2026-10-25T00:30:00Z", TimeFormat.Iso(new DateTime(2026, 10, 25, 0, 30, 0, DateTimeKind.Unspecified)));
    }

    [Theory]
    [InlineData("en", "America/Toronto", "en-CA")]
    [InlineData("en", "America/Montreal", "en-CA")]
    [InlineData("fr", "America/Montreal", "fr-CA")]
    [InlineData("en", "America/Chicago", "en-US")]
    [InlineData("fr", "America/Chicago", "fr-FR")]
    [InlineData("en", "Europe/Paris", "en-GB")]
    [InlineData("en", "Europe/London", "en-GB")]
    [InlineData("fr", "Europe/Brussels", "fr-BE")]
    [InlineData("en", "Australia/Sydney", "en-AU")]
    [InlineData("en", null, "en-GB")]
    [InlineData("fr", "UTC", "fr-FR")]
    [InlineData("fr-CA", "Europe/Paris", "fr-FR")]
    public void TheOrganizationsZonePicksTheRegionalEnglishOrFrench(string language, string? zone, string culture) =>
        Assert.Equal(culture, TimeCultures.For(language, zone).Name);

    [Fact]
    public void TheViewersZoneIsTheirsElseTheOrganizationsElseTheBrowsersElseUtc()
    {
        Assert.Equal("Asia/Tokyo", TimeZones.ForViewer("Asia/Tokyo", "Europe/Paris", "America/Toronto").Id);
        Assert.Equal("Europe/Paris", TimeZones.ForViewer(null, "Europe/Paris", "America/Toronto").Id);
        Assert.Equal("America/Toronto", TimeZones.ForViewer("Mars/Olympus", null, "America/Toronto").Id);
        Assert.Equal(TimeZoneInfo.Utc.Id, TimeZones.ForViewer(null, null, "not a zone").Id);
    }

    [Fact]
    public void AnEventElsewhereIsInAnotherZoneAndOneInTheReadersOwnIsNot()
    {
        var paris = In("Europe/Paris", "en");
        Assert.True(paris.IsOtherZone("America/Toronto"));
        Assert.False(paris.IsOtherZone("Europe/Paris"));
        Assert.Equal("Buenos Aires", TimeZones.City("America/Argentina/Buenos_Aires"));
    }

    [Fact]
    public void ACalendarDayKeepsTheCulturesOrder()
    {
        var day = new DateOnly(2026, 12, 7);
        Assert.Equal("Dec 7, 2026", In("America/New_York", "en").Day(day));
        Assert.Equal("7 Dec 2026", In("Europe/London", "en").Day(day));
        Assert.Equal("7 déc. 2026", In("Europe/Paris", "fr").Day(day));
    }
}
