using Kindred.Data;
using Kindred.Data.Nodes;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Data.Nodes;

/// <summary>
/// Node numbers leased from the database (ADR 93): each "node" here is a generator with its own holder name and its
/// own DbContexts, as two processes on one database would be.
/// </summary>
public abstract class NodeLeaseTests(KindredApp app)
{
    private static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(60);

    private Task<int?> ClaimAsync(string holder, int? current = null, DateTime? now = null) =>
        app.WithServicesAsync(s =>
        {
            var at = now ?? DateTime.UtcNow;
            return NodeLeases.ClaimAsync(s.GetRequiredService<KindredDbContext>(), holder, current, at, at + LeaseFor);
        });

    private static string Holder() => "test/" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task TwoNodesMintingAtOnceNeverMintTheSameId()
    {
        var (a, b) = (SnowflakeGenerator.Leased(), SnowflakeGenerator.Leased());
        var claims = await Task.WhenAll(ClaimAsync(Holder()), ClaimAsync(Holder()));
        Assert.All(claims, c => Assert.NotNull(c));
        Assert.NotEqual(claims[0], claims[1]);
        a.Hold(claims[0]!.Value, DateTime.UtcNow + LeaseFor);
        b.Hold(claims[1]!.Value, DateTime.UtcNow + LeaseFor);

        // The same instants on both nodes, many times over, from several threads each.
        var ids = new System.Collections.Concurrent.ConcurrentBag<long>();
        var start = DateTime.UtcNow;
        Parallel.For(0, 40_000, i =>
        {
            var at = start.AddMilliseconds(i % 20);
            ids.Add((i % 2 == 0 ? a : b).NewId(at));
        });
        Assert.Equal(40_000, ids.Distinct().Count());
        // Still ids of their time, so paging by time works as before.
        Assert.All(ids, id => Assert.InRange(Snowflake.TimeOf(id), start.AddMilliseconds(-1), start.AddSeconds(5)));
    }

    [Fact]
    public async Task ManyNodesStartingAtOnceEachGetTheirOwnNumber()
    {
        var holders = Enumerable.Range(0, 8).Select(_ => Holder()).ToList();
        var numbers = await Task.WhenAll(holders.Select(h => Task.Run(() => ClaimAsync(h))));
        Assert.All(numbers, n => Assert.InRange(n!.Value, 1, SnowflakeGenerator.MaxNode));
        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        var rows = await app.WithDbAsync(db => db.NodeLeases.AsNoTracking().Where(l => holders.Contains(l.Holder)).ToListAsync());
        Assert.Equal(numbers.Order(), rows.Select(r => (int?)r.Number).Order());
    }

    [Fact]
    public async Task ARenewalKeepsTheNumberAndALapsedNumberGoesToAnotherNodeOnly()
    {
        var (first, second) = (Holder(), Holder());
        var number = await ClaimAsync(first);
        Assert.Equal(number, await ClaimAsync(first, number));

        // The first node stops renewing; once its lease has lapsed the second may take that number...
        var later = DateTime.UtcNow + LeaseFor + TimeSpan.FromSeconds(1);
        var taken = await ClaimAsync(second, now: later);
        var row = await app.WithDbAsync(db => db.NodeLeases.AsNoTracking().SingleAsync(l => l.Holder == second));
        Assert.Equal(taken, row.Number);
        // (the lowest lapsed number: the first's, or one another test of this class left to lapse), and the first node,
        // back, keeps its number only if nobody took it, never the one the second holds now.
        var back = await ClaimAsync(first, number, later);
        Assert.NotNull(back);
        Assert.NotEqual(taken, back);
    }

    [Fact]
    public void ANodeWhoseLeaseLapsedRefusesToMintUntilItHoldsOneAgain()
    {
        var generator = SnowflakeGenerator.Leased();
        Assert.Throws<InvalidOperationException>(() => generator.NewId(DateTime.UtcNow));
        generator.Hold(5, DateTime.UtcNow.AddMinutes(1));
        var id = generator.NewId(DateTime.UtcNow);
        Assert.Equal(5, (id >> SnowflakeGenerator.SequenceBits) & SnowflakeGenerator.MaxNode);
        generator.Hold(5, DateTime.UtcNow.AddSeconds(-1));
        var refused = Assert.Throws<InvalidOperationException>(() => generator.NewId(DateTime.UtcNow));
        Assert.Contains("lapsed", refused.Message, StringComparison.Ordinal);
        generator.Hold(6, DateTime.UtcNow.AddMinutes(1));
        Assert.True(generator.NewId(DateTime.UtcNow) > id);
    }
}

public sealed class NodeLeaseSqliteTests(SqliteApp app) : NodeLeaseTests(app), IClassFixture<SqliteApp>;

public sealed class NodeLeasePostgresTests(PostgresApp app) : NodeLeaseTests(app), IClassFixture<PostgresApp>;
