using Kindred.Core.Aid;

namespace Kindred.UnitTests.Aid;

public class AidMatchRulesTests
{
    [Theory]
    [InlineData(0, 0, 21)]
    [InlineData(0, 0b101, 2)]
    [InlineData(0b011, 0b110, 1)]
    [InlineData(1, 1 << 20, 0)]
    public void OverlapCountsSharedWeeklySlotsWithZeroMeaningAnyTime(int a, int b, int expected) =>
        Assert.Equal(expected, AidMatchRules.Overlap(a, b));

    [Fact]
    public void TheShareIsMeasuredAgainstTheRequestsSlots()
    {
        Assert.Equal(0.5, AidMatchRules.OverlapShare(0b11, 0b01));
        Assert.Equal(1.0, AidMatchRules.OverlapShare(0b11, 0));
        Assert.Equal(1.0 / 21, AidMatchRules.OverlapShare(0, 1), 6);
    }

    [Theory]
    [InlineData("2026-12-01", "2026-12-05", "2026-12-05", "2026-12-09", true)]
    [InlineData("2026-12-01", "2026-12-04", "2026-12-05", "2026-12-09", false)]
    [InlineData(null, null, "2026-12-05", "2026-12-09", true)]
    [InlineData("2026-12-10", null, null, "2026-12-09", false)]
    public void DateWindowsOverlapWhenTheyShareADay(string? s1, string? e1, string? s2, string? e2, bool expected) =>
        Assert.Equal(expected, AidMatchRules.WindowsOverlap(D(s1), D(e1), D(s2), D(e2)));

    [Fact]
    public void OffersComeBeforeVettedHelpersBeforeHelpersWithTheSameAvailability()
    {
        Assert.Equal(2.0, AidMatchRules.Score(1, true, false));
        Assert.Equal(1.5, AidMatchRules.Score(1, false, true));
        Assert.Equal(1.0, AidMatchRules.Score(1, false, false));
        Assert.True(AidMatchRules.Score(0.6, true, false) > AidMatchRules.Score(1, false, true));
        Assert.True(AidMatchRules.Score(0.4, true, false) < AidMatchRules.Score(1, false, true));
    }

    [Fact]
    public void TheOrderIsScoreThenDistanceWithUnknownLastThenId()
    {
        var rows = new[] { (Id: 5L, Score: 1.0, Km: (double?)3), (Id: 4L, Score: 1.0, Km: (double?)null), (Id: 3L, Score: 1.0, Km: (double?)3), (Id: 9L, Score: 2.0, Km: (double?)50), (Id: 1L, Score: 1.0, Km: (double?)1) };
        Assert.Equal([9L, 1L, 3L, 5L, 4L], AidMatchRules.Order(rows, r => r.Score, r => r.Km, r => r.Id).Select(r => r.Id));
    }

    private static DateOnly? D(string? value) => value is null ? null : DateOnly.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
}
