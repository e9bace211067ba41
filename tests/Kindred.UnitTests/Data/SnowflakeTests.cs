using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Data;

public sealed class SnowflakeTests
{
    [Fact]
    public void IdsSortByCreationTimeAndNeverRepeat()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => Snowflake.NewId()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public void IdsFromManyThreadsAreUnique()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        Parallel.For(0, 20_000, _ => ids.Add(Snowflake.NewId()));
        Assert.Equal(20_000, ids.Distinct().Count());
    }

    [Fact]
    public void TheTimeCanBeReadBackToTheMillisecond()
    {
        var when = new DateTime(2026, 3, 1, 12, 30, 15, 123, DateTimeKind.Utc);
        var id = Snowflake.NewId(when.AddYears(1));
        Assert.True(id > Snowflake.Floor(when));
        Assert.Equal(when, Snowflake.TimeOf(Snowflake.Floor(when)));
    }

    [Theory]
    [InlineData(null, null, 0, false, true)]
    [InlineData(3, null, 2, false, true)]
    [InlineData(3, null, 3, false, false)]
    [InlineData(null, -1, 0, false, false)]
    [InlineData(null, 1, 0, false, true)]
    [InlineData(null, null, 0, true, false)]
    public void AnInvitationIsUsableWhileUnexpiredUnrevokedAndNotUsedUp(int? maxUses, int? expiresInDays, int uses, bool revoked, bool usable)
    {
        var now = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        var invitation = new Invitation
        {
            Code = "abc",
            MaxUses = maxUses,
            Uses = uses,
            Revoked = revoked,
            ExpiresAt = expiresInDays is { } days ? now.AddDays(days) : null,
        };
        Assert.Equal(usable, invitation.IsUsable(now));
    }
}
