using System.Diagnostics;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>One process of <see cref="PublishedServer"/>: its console lines as they come, and a kill at the end.</summary>
public sealed class RunningServer : IDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];

    public RunningServer(Process process, string workingDirectory)
    {
        this.process = process;
        WorkingDirectory = workingDirectory;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string WorkingDirectory { get; }

    /// <summary>The process's id, as the job runner names its claims (machine/process/instance).</summary>
    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>Ends the process at once with SIGKILL, as <c>kill -9</c> or a lost machine does: no shutdown code runs.</summary>
    public void Kill()
    {
        process.Kill();
        process.WaitForExit();
    }

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (lines)
            {
                return [.. lines];
            }
        }
    }

    /// <summary>Waits for the first console line containing <paramref name="text"/>; fails with everything printed so far
    /// when the process ends or three minutes pass without it (a Debug build starting on a loaded two-core machine took
    /// over a minute).</summary>
    public async Task<string> WaitForLineAsync(string text)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (Lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }
            if (process.HasExited)
            {
                break;
            }
            await Task.Delay(100);
        }
        throw new InvalidOperationException($"No line with \"{text}\" (exited: {process.HasExited}). Output:{Environment.NewLine}{string.Join(Environment.NewLine, Lines)}");
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (lines)
            {
                lines.Add(line);
            }
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        process.Dispose();
        try
        {
            Directory.Delete(WorkingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-folder cleanup.
        }
    }
}
