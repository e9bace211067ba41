using Kindred.Core.Jobs;
using Kindred.Core.Push;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Push;

/// <summary>
/// A server whose push jobs run when a test says so (<see cref="PushAsync"/>), with a loopback push-service stub the
/// server may post to (Kindred:Push:AllowInsecureEndpoints, for local stubs only).
/// </summary>
public class PushApp : KindredApp
{
    public PushApp(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:Jobs:Paused", "mail," + PushFanOutJob.Name + "," + PushSendJob.Name);
        Set("Kindred:Push:AllowInsecureEndpoints", "true");
    }

    public PushServiceStub Stub { get; } = new();

    /// <summary>Runs the due push jobs, fan-out then sending, as the server's runner would (two runs: a run takes the
    /// jobs due when it starts, and the fan-out queues the sends).</summary>
    public async Task<int> PushAsync() => await RunAsync(PushFanOutJob.Name) + await RunAsync(PushSendJob.Name);

    private Task<int> RunAsync(string kind) =>
        WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([kind]));

    public override async ValueTask DisposeAsync()
    {
        await Stub.DisposeAsync();
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class PushSqliteApp() : PushApp(DatabaseKind.Sqlite);

public sealed class PushPostgresApp() : PushApp(DatabaseKind.Postgres);
