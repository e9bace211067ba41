using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Two Kindred nodes (in-process hosts, each with its own services, caches, hub and limiter, as two processes have) on
/// one PostgreSQL database with one redis-server between them (ADR 93).
/// </summary>
public sealed class MultiNodes : IAsyncLifetime
{
    public const int SignUpLimit = 4;

    public RedisServer Redis { get; private set; } = null!;
    public MultiNodeApp A { get; private set; } = null!;
    public MultiNodeApp B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = RedisServer.Start();
        var database = PostgresCluster.Shared.ConnectionStringFor("kindred_nodes_" + Guid.NewGuid().ToString("N")[..12]);
        A = new MultiNodeApp(database, Redis.ConnectionString, first: true);
        await A.InitializeAsync();
        B = new MultiNodeApp(database, Redis.ConnectionString, first: false);
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
        Redis.Dispose();
    }
}
