using Kindred.Core.Timelines;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.UnitTests.Timelines;

public sealed class HomeFeedTrimsTests
{
    [Fact]
    public void EachFeedIsTrimmedAtMostOncePerInterval()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 12, 0, 0, TimeSpan.Zero));
        var trims = new HomeFeedTrims(time);

        Assert.True(trims.ShouldTrim(1));
        Assert.False(trims.ShouldTrim(1));
        // Another member's feed has its own clock.
        Assert.True(trims.ShouldTrim(2));

        time.Advance(HomeFeedTrims.Interval - TimeSpan.FromSeconds(1));
        Assert.False(trims.ShouldTrim(1));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(trims.ShouldTrim(1));
        Assert.False(trims.ShouldTrim(1));
    }
}
