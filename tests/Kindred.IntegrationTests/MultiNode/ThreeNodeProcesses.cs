using Kindred.IntegrationTests.Media;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>Three node processes behind HAProxy: enough to show an event crossing to two other nodes. Their media
/// are in one S3-compatible store (npm's s3rver), as the "Several nodes" recipe asks (ADR 98). Debian's nginx, run from
/// the nginx sample, stands in front of the same three as well (ADR 103), so both samples are proven by one set.</summary>
public sealed class ThreeNodeProcesses : NodeProcesses
{
    public S3Server Store { get; private set; } = null!;
    public NginxServer Nginx { get; private set; } = null!;

    protected override int NodeCount => 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings =>
        Store.Settings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public override async Task InitializeAsync()
    {
        Store = S3Server.Start();
        await base.InitializeAsync();
        Nginx = await NginxServer.StartAsync(Infrastructure.PublishedServer.RepositoryRoot(), Infrastructure.PublishedServer.FreePort(), Infrastructure.PublishedServer.FreePort(), Ports);
    }

    public override async Task DisposeAsync()
    {
        Nginx?.Dispose();
        await base.DisposeAsync();
        Store?.Dispose();
    }
}
