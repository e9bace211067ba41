using System.Diagnostics;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon;

/// <summary>Kindred on Kestrel for the Python clients, with a heartbeat every second so their stream listeners meet one.</summary>
public sealed class PythonClientApp : KindredApp
{
    public PythonClientApp()
        : base(DatabaseKind.Sqlite)
    {
        // Links follow the address the server listens on, which is known only once it has started.
        Set("Kindred:PublicUrl", null);
        Set("Kindred:Streaming:HeartbeatSeconds", "1");
        UseKestrel(0);
    }

    public string Url { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        StartServer();
        Url = ClientOptions.BaseAddress.ToString().TrimEnd('/');
        await base.InitializeAsync();
    }
}

/// <summary>
/// Real Python clients from Debian's packages (ADR 77): Mastodon.py (tests/clients/mastodon_py.py) and the toot command
/// line (tests/clients/toot.sh), each a list of steps against the server on a loopback port. scripts/test.sh installs
/// them; run by hand, `apt-get install python3-mastodon python3-websocket toot` first.
/// </summary>
public sealed class PythonClientTests(PythonClientApp app) : IClassFixture<PythonClientApp>
{
    private static readonly string Clients = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "clients"));

    [Fact]
    public async Task MastodonPySignsInBothWaysPostsStreamsFiltersAndFindsABlockedAccount()
    {
        await app.CreateUserAsync("pyuser");
        await app.CreateUserAsync("pyfriend");
        Assert.True(File.Exists("/usr/bin/python3"), "Debian's python3 is missing: run scripts/test.sh or apt-get install python3-mastodon python3-websocket.");
        var output = await RunAsync("/usr/bin/python3", "mastodon_py.py", new()
        {
            ["KINDRED_USERNAME"] = "pyuser",
            ["KINDRED_FRIEND_USERNAME"] = "pyfriend",
        });
        Assert.Contains("\"ok\": true, \"steps\"", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TootSignsInPostsReadsSearchesAndBlocksAndUnblocksThroughSearch()
    {
        await app.CreateUserAsync("tootuser");
        await app.CreateUserAsync("tootfriend");
        Assert.True(File.Exists("/usr/bin/toot"), "toot is missing: run scripts/test.sh or apt-get install toot.");
        var output = await RunAsync("/bin/bash", "toot.sh", new()
        {
            ["KINDRED_USERNAME"] = "tootuser",
            ["KINDRED_EMAIL"] = "tootuser@example.org",
            ["KINDRED_FRIEND_USERNAME"] = "tootfriend",
        });
        Assert.Contains("{\"ok\":true,\"steps\"", output, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string program, string script, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program, script)
        {
            WorkingDirectory = Clients,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.Environment["KINDRED_URL"] = app.Url;
        start.Environment["KINDRED_PASSWORD"] = KindredApp.Password;
        // Python's own settings from a developer's environment would pick another interpreter's packages.
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{script} did not finish in three minutes:\n{await output}\n{await errors}");
        }
        Assert.True(process.ExitCode == 0, $"{script} failed ({process.ExitCode}):\n{await output}\n{await errors}");
        return await output;
    }
}
