using System.Diagnostics;
using System.Globalization;

namespace Kindred.Bench.Running;

/// <summary>
/// CPU time at one moment: the server's (from /proc/&lt;pid&gt;/stat), the harness's own, and the whole machine's busy time
/// (from /proc/stat). Two samples give the server's CPU per request and how the cores were shared during a scenario:
/// the load generator runs on the same two cores, and on a shared machine so does everyone else (issue 19, item 7).
/// </summary>
public sealed record CpuSample(TimeSpan Server, TimeSpan Harness, TimeSpan MachineBusy, TimeSpan Wall)
{
    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    /// <summary>Linux reports process and machine times in clock ticks of 1/100 s (USER_HZ).</summary>
    private const double TicksPerSecond = 100;

    public static CpuSample Take(int serverProcessId)
    {
        using var self = Process.GetCurrentProcess();
        return new CpuSample(ProcessTime(serverProcessId), self.TotalProcessorTime, MachineBusyTime(), Clock.Elapsed);
    }

    /// <summary>What happened between <paramref name="start"/> and this sample, for <paramref name="requests"/> measured requests.</summary>
    public CpuShare Since(CpuSample start, long requests)
    {
        var capacity = (Wall - start.Wall).TotalSeconds * Environment.ProcessorCount;
        var server = (Server - start.Server).TotalSeconds;
        var harness = (Harness - start.Harness).TotalSeconds;
        var busy = (MachineBusy - start.MachineBusy).TotalSeconds;
        return new CpuShare(
            ServerCpuMsPerRequest: requests > 0 ? server * 1000 / requests : 0,
            ServerShare: capacity > 0 ? server / capacity : 0,
            HarnessShare: capacity > 0 ? harness / capacity : 0,
            OtherShare: capacity > 0 ? Math.Max(0, busy - server - harness) / capacity : 0);
    }

    /// <summary>utime + stime, fields 14 and 15 of /proc/&lt;pid&gt;/stat (counted after the command name, which may hold spaces).</summary>
    private static TimeSpan ProcessTime(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the name, field 3 (state) is at index 0, so utime (14) is at 11 and stime (15) at 12.
            return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Every core's time minus idle and I/O wait, from the first line of /proc/stat.</summary>
    private static TimeSpan MachineBusyTime()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            return TimeSpan.FromSeconds((total - fields[3] - fields[4]) / TicksPerSecond);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }
}
