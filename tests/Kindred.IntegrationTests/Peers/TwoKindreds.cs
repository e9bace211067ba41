using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Peers;

/// <summary>
/// Two Kindred servers on loopback ports, each with its own database: A on a SQLite file, B on a PostgreSQL database
/// of the shared test cluster, both in federation's development mode. One pair per test class (a class fixture): the
/// servers start once, and each test uses members of its own.
/// </summary>
public sealed class TwoKindreds : IAsyncLifetime
{
    private static readonly string[] Kinds = [InboxDispatch.Name, DeliveryJob.Name, StatusDelivery.Name, EventDelivery.Name];

    public LoopbackKindredApp A { get; } = new(DatabaseKind.Sqlite);

    public LoopbackKindredApp B { get; } = new(DatabaseKind.Postgres);

    public async Task InitializeAsync()
    {
        await A.InitializeAsync();
        await B.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)A).DisposeAsync();
        await ((IAsyncLifetime)B).DisposeAsync();
    }

    /// <summary>Runs both servers' federation jobs (their background runners may take some first) until
    /// <paramref name="done"/> answers a value; deliveries from one land in the other's inbox as real HTTP.</summary>
    public async Task<T> EventuallyAsync<T>(Func<Task<T?>> done)
        where T : struct
    {
        for (var i = 0; i < 150; i++)
        {
            await A.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync(Kinds));
            await B.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync(Kinds));
            if (await done() is { } result)
            {
                return result;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The two servers' federation jobs did not get there.");
    }

    public Task<bool> UntilAsync(Func<Task<bool>> done) => EventuallyAsync<bool>(async () => await done() ? true : null);
}
