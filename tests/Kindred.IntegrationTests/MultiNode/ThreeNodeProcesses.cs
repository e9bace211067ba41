using Kindred.IntegrationTests.Media;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>Three node processes behind HAProxy: enough to show an event crossing to two other nodes. Their media
/// are in one S3-compatible store (npm's s3rver), as the "Several nodes" recipe asks (ADR 98).</summary>
public sealed class ThreeNodeProcesses : NodeProcesses
{
    public S3Server Store { get; private set; } = null!;

    protected override int NodeCount => 3;

    protected override IReadOnlyDictionary<string, string> ExtraSettings =>
        Store.Settings().ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);

    public override async Task InitializeAsync()
    {
        Store = S3Server.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Store?.Dispose();
    }
}
