using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Peers;

/// <summary>One Kindred on a loopback port and one Fedify peer beside it, started once per test class.</summary>
public abstract class FedifyWorld(DatabaseKind database) : IAsyncLifetime
{
    private static readonly string[] Kinds = [InboxDispatch.Name, DeliveryJob.Name, StatusDelivery.Name, EventDelivery.Name];

    public LoopbackKindredApp Kindred { get; } = new(database);

    public FedifyPeer Peer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Peer = FedifyPeer.Start();
        await Kindred.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)Kindred).DisposeAsync();
        Peer.Dispose();
    }

    /// <summary>Runs Kindred's federation jobs until <paramref name="done"/> answers a value (Fedify sends at once).</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T?>> done)
        where T : struct
    {
        for (var i = 0; i < 150; i++)
        {
            await Kindred.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync(Kinds));
            if (await done() is { } result)
            {
                return result;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("Kindred and the Fedify peer did not get there.");
    }
}

public sealed class FedifySqliteWorld() : FedifyWorld(DatabaseKind.Sqlite);

public sealed class FedifyPostgresWorld() : FedifyWorld(DatabaseKind.Postgres);
