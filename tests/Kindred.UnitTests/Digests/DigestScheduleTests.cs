using Kindred.Core.Digests;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Digests;

public sealed class DigestScheduleTests
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void TheFirstDigestIsDueAtTheNextLocalMorning()
    {
        Assert.Equal(Utc(2026, 11, 26, 8), DigestSchedule.FirstDue(Utc(2026, 11, 26, 7, 59), TimeZoneInfo.Utc, 8));
        Assert.Equal(Utc(2026, 11, 27, 8), DigestSchedule.FirstDue(Utc(2026, 11, 26, 8), TimeZoneInfo.Utc, 8));
        // 8:00 in Paris is 7:00 UTC in winter.
        Assert.Equal(Utc(2026, 11, 27, 7), DigestSchedule.FirstDue(Utc(2026, 11, 26, 7), Paris, 8));
    }

    [Fact]
    public void TheNextDigestStaysAtTheSameLocalHourAcrossDaylightSaving()
    {
        // Paris moves to summer time on 29 March 2026: 8:00 local is 7:00 UTC before and 6:00 UTC after.
        var due = Utc(2026, 3, 25, 7);
        Assert.Equal(Utc(2026, 4, 1, 6), DigestSchedule.NextDue(due, DigestFrequency.Weekly, due, Paris, 8));
        Assert.Equal(Utc(2026, 3, 26, 7), DigestSchedule.NextDue(due, DigestFrequency.Daily, due, Paris, 8));
    }

    [Fact]
    public void AfterALongOutageTheNextDigestIsDueAtTheNextMorningNotInThePast()
    {
        var due = Utc(2026, 1, 5, 8);
        var now = Utc(2026, 2, 10, 12);
        Assert.Equal(Utc(2026, 2, 11, 8), DigestSchedule.NextDue(due, DigestFrequency.Weekly, now, TimeZoneInfo.Utc, 8));
    }

    [Fact]
    public void AnHourThatDoesNotExistLocallyIsTakenAnHourLater()
    {
        // 2:00 on 29 March 2026 does not exist in Paris (clocks jump from 2:00 to 3:00): 3:00 local, 1:00 UTC.
        Assert.Equal(Utc(2026, 3, 29, 1), DigestSchedule.FirstDue(Utc(2026, 3, 28, 12), Paris, 2));
    }

    [Fact]
    public void AnUnknownTimeZoneMeansUtc()
    {
        Assert.Same(TimeZoneInfo.Utc, DigestSchedule.Zone("Mars/Olympus_Mons"));
        Assert.Same(TimeZoneInfo.Utc, DigestSchedule.Zone(null));
        Assert.Equal("Europe/Paris", DigestSchedule.Zone("Europe/Paris").Id);
    }
}
