using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Accounts;

public class DistanceOriginTests
{
    private static readonly DateTime Now = new(2026, 12, 6, 12, 0, 0, DateTimeKind.Utc);

    private static Account NewAccount() => new() { Username = "m", UsernameNormalized = "m" };

    private static GeoPoint? Origin(Account a, DateTime now) =>
        DistanceOrigin.Of(a.Latitude, a.Longitude, a.DistanceLatitude, a.DistanceLongitude, a.HomeMovedAt, now);

    [Fact]
    public void AFirstHomeAreaCountsAtOnce()
    {
        var account = NewAccount();
        DistanceOrigin.Move(account, (48.85, 2.35), Now);

        Assert.Equal(new GeoPoint(48.85, 2.35), Origin(account, Now));
    }

    [Fact]
    public void MovesCountAfterAWeekWithoutMovingAndEachMoveRestartsTheWeek()
    {
        var account = NewAccount();
        DistanceOrigin.Move(account, (48.85, 2.35), Now);
        DistanceOrigin.Move(account, (45.76, 4.84), Now.AddDays(1));
        DistanceOrigin.Move(account, (43.30, 5.37), Now.AddDays(6));

        Assert.Equal(new GeoPoint(48.85, 2.35), Origin(account, Now.AddDays(12)));
        Assert.Equal(new GeoPoint(43.30, 5.37), Origin(account, Now.AddDays(13)));
        Assert.Equal(Now.AddDays(13), DistanceOrigin.SettlesAt(account, Now.AddDays(12)));
    }

    [Fact]
    public void RemovingTheHomeAreaEndsDistancesAndANewOneWaitsBehindTheLastSettledPoint()
    {
        var account = NewAccount();
        DistanceOrigin.Move(account, (48.85, 2.35), Now);
        DistanceOrigin.Move(account, null, Now.AddDays(1));
        Assert.Null(Origin(account, Now.AddDays(1)));

        DistanceOrigin.Move(account, (45.76, 4.84), Now.AddDays(2));
        Assert.Equal(new GeoPoint(48.85, 2.35), Origin(account, Now.AddDays(3)));
        Assert.Equal(new GeoPoint(45.76, 4.84), Origin(account, Now.AddDays(9)));
    }

    [Fact]
    public void AnAccountWithAHomeAreaFromBeforeTheRuleIsSettled()
    {
        var account = NewAccount();
        account.Latitude = 48.85;
        account.Longitude = 2.35;
        Assert.Equal(new GeoPoint(48.85, 2.35), Origin(account, Now));

        DistanceOrigin.Move(account, (45.76, 4.84), Now);
        Assert.Equal(new GeoPoint(48.85, 2.35), Origin(account, Now.AddDays(1)));
    }
}
