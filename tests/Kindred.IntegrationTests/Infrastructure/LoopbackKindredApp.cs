using System.Net;
using System.Net.Sockets;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// A Kindred server in this process but on a real Kestrel port of 127.0.0.1, with <c>Kindred:PublicUrl</c> set to
/// that address and federation's development mode on, so another server (a second Kindred, a Fedify peer) can find
/// it by handle, fetch its actors and deliver to its inboxes over real HTTP. The test clients go through the same port.
/// </summary>
public sealed class LoopbackKindredApp : KindredApp
{
    public LoopbackKindredApp(DatabaseKind database)
        : base(database)
    {
        Port = FreePort();
        PublicUrl = $"http://127.0.0.1:{Port}";
        Set("Kindred:PublicUrl", PublicUrl);
        Set("Kindred:Federation:DevelopmentMode", "true");
        UseKestrel(o => o.Listen(IPAddress.Loopback, Port));
    }

    public int Port { get; }

    /// <summary>The server's address, as its actors' ids start.</summary>
    public string PublicUrl { get; }

    /// <summary>The host part of its handles (<c>name@127.0.0.1:port</c>).</summary>
    public string Host => "127.0.0.1:" + Port;

    protected override Uri ClientBase => new(PublicUrl);

    public override async Task InitializeAsync()
    {
        StartServer();
        await base.InitializeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
