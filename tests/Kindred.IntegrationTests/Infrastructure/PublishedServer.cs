using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// The server as an installation runs it: published once per test class into a temporary folder (from the build the
/// tests already made, <c>--no-build</c>), then started as its own process with <c>dotnet Kindred.Server.dll</c> from
/// another working directory. A missing SDK or a failed publish is an error, never a skip.
/// </summary>
public sealed class PublishedServer : IDisposable
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public PublishedServer()
    {
        Root = Directory.CreateTempSubdirectory("kindred-published-").FullName;
        AppDirectory = Path.Combine(Root, "app");
        var project = Path.Combine(RepositoryRoot(), "src", "Kindred.Server");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", project, "-c", Configuration, "--no-build", "-o", AppDirectory, "--nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = publish.StandardOutput.ReadToEndAsync();
        var errors = publish.StandardError.ReadToEndAsync();
        publish.WaitForExit();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}): {output.Result}{errors.Result}");
        }
    }

    public string Root { get; }

    public string AppDirectory { get; }

    /// <summary>Starts the published server with only <paramref name="environment"/> set among the settings that choose
    /// an address, an environment or a content root, in a fresh working directory of its own.</summary>
    public RunningServer Start(IReadOnlyDictionary<string, string> environment)
    {
        var workingDirectory = Directory.CreateTempSubdirectory("kindred-cwd-").FullName;
        var info = new ProcessStartInfo("dotnet", [Path.Combine(AppDirectory, "Kindred.Server.dll")])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var key in info.Environment.Keys.ToList())
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Kindred__", StringComparison.OrdinalIgnoreCase)
                || key is "DOTNET_URLS" or "DOTNET_HTTP_PORTS" or "DOTNET_HTTPS_PORTS" or "DOTNET_ENVIRONMENT" or "DOTNET_CONTENTROOT" || key.Equals("Urls", StringComparison.OrdinalIgnoreCase))
            {
                info.Environment.Remove(key);
            }
        }
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }
        return new RunningServer(Process.Start(info)!, workingDirectory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Kindred.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("Kindred.slnx not found above " + AppContext.BaseDirectory);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is no reason to fail a test.
        }
    }
}
