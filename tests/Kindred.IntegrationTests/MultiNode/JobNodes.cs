using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>Two nodes running their job runners on one database (<see cref="JobNodeApp"/>) and a loopback
/// ActivityPub peer that counts what it receives.</summary>
public sealed class JobNodes : IAsyncLifetime
{
    public JobNodeApp A { get; private set; } = null!;
    public JobNodeApp B { get; private set; } = null!;
    public RemoteActorServer Peer { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Peer = await RemoteActorServer.StartAsync();
        A = new JobNodeApp();
        await A.InitializeAsync();
        B = new JobNodeApp(sameDatabaseAs: A);
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)B).DisposeAsync();
        await ((IAsyncLifetime)A).DisposeAsync();
        await Peer.DisposeAsync();
    }
}
