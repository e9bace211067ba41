namespace Kindred.Bench.Running;

/// <summary>
/// How the machine's cores were used while a scenario was measured: the server's CPU per measured request, and the
/// server's, the load generator's and everything else's share of all cores (1.0 = every core busy the whole time).
/// </summary>
public sealed record CpuShare(double ServerCpuMsPerRequest, double ServerShare, double HarnessShare, double OtherShare)
{
    public static readonly CpuShare None = new(0, 0, 0, 0);
}
