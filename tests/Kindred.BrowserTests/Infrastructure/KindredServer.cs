using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Kindred.BrowserTests.Infrastructure;

/// <summary>The real Kindred app on Kestrel at 127.0.0.1, on SQLite in a throwaway data folder, so a real browser can reach it.</summary>
public sealed class KindredServer : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string> settings;

    public KindredServer(string dataDirectory, IReadOnlyDictionary<string, string>? settings = null)
    {
        DataDirectory = dataDirectory;
        this.settings = settings ?? new Dictionary<string, string>();
        var port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        UseKestrel(options => options.Listen(IPAddress.Loopback, port));
    }

    public string DataDirectory { get; }

    public string BaseUrl { get; }

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Kindred:DataDirectory", DataDirectory);
        builder.UseSetting("Kindred:PublicUrl", BaseUrl);
        builder.UseSetting("Kindred:Registrations:Mode", "open");
        // Kept on, so the journey follows the confirmation link from the e-mail like a newcomer would.
        builder.UseSetting("Kindred:Registrations:RequireEmailConfirmation", "true");
        // Queued mail goes out every second, within the time Mailbox waits for it (ADR 47).
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>Asks the system for a free port. Another process could take it before Kestrel binds, which is rare enough on a test machine.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
