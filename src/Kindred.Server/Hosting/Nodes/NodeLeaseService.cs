using Kindred.Data;
using Kindred.Data.Nodes;

namespace Kindred.Server.Hosting.Nodes;

/// <summary>
/// Holds this process's node number (ADR 93): claims one before the server takes requests, renews it every
/// <see cref="RenewEvery"/>, and gives it back at a clean stop. The generator is told to stop minting
/// <see cref="Margin"/> before the lease ends, so a node that cannot renew (database away, process frozen) refuses ids
/// before any other process may take its number, even with clocks that disagree by less than the margin. It reads the
/// real clock, as the generator does, never a test's fake one.
/// </summary>
public sealed partial class NodeLeaseService(IServiceScopeFactory scopes, ILogger<NodeLeaseService> logger) : BackgroundService
{
    public static readonly TimeSpan LeaseFor = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan Margin = TimeSpan.FromSeconds(15);

    private readonly SnowflakeGenerator generator = SnowflakeGenerator.Leased();

    /// <summary>Who holds the lease, as a job runner names itself.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}";

    public int? Node => generator.Node;

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The first claim is part of the start: a node that cannot have a number must not take requests that mint ids.
        if (!await RenewAsync(cancellationToken))
        {
            throw new InvalidOperationException($"No node number is free: all {SnowflakeGenerator.MaxNode} are leased by live nodes.");
        }
        if (!Snowflake.TryUse(generator))
        {
            LogShared(logger);
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RenewEvery);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RenewAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The generator keeps its last moment and refuses after it; the next tick tries again.
                LogRenewFailed(logger, e);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Snowflake.Release(generator);
        if (generator.Node is { } node)
        {
            var now = DateTime.UtcNow;
            generator.Hold(node, now);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await NodeLeases.ReleaseAsync(scope.ServiceProvider.GetRequiredService<KindredDbContext>(), Holder, node, now, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRenewFailed(logger, e);
            }
        }
    }

    private async Task<bool> RenewAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = DateTime.UtcNow;
        var until = now + LeaseFor;
        var before = generator.Node;
        var node = await NodeLeases.ClaimAsync(scope.ServiceProvider.GetRequiredService<KindredDbContext>(), Holder, before, now, until, ct);
        if (node is not { } number)
        {
            return false;
        }
        generator.Hold(number, until - Margin);
        if (number != before)
        {
            LogHolding(logger, number);
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "This node mints ids as node {Node}")]
    private static partial void LogHolding(ILogger logger, int node);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew this node's lease; it stops minting ids when the lease ends")]
    private static partial void LogRenewFailed(ILogger logger, Exception e);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another host in this process already mints ids; this one shares its node number")]
    private static partial void LogShared(ILogger logger);
}
