using System.Net;
using System.Net.WebSockets;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Kindred.IntegrationTests.Mastodon.Streaming;

/// <summary>
/// A node told to stop (SIGTERM) ends its open streams with a reconnect hint at once (ADR 93), so their clients come
/// back through the load balancer to another node instead of hanging until the shutdown timeout cuts them. The one
/// test stops its server, so it has a class (and server) of its own.
/// </summary>
public abstract class StreamDrainTests(KindredApp app)
{
    [Fact]
    public async Task StoppingTheServerClosesWebSocketsWithServiceRestartAndEventStreamsWithARetryHint()
    {
        await app.CreateUserAsync("drain_reader");
        var token = await app.TokenAsync("drain_reader");
        await using var socket = await StreamClient.ConnectAsync(app, "?stream=public", token);
        using var response = await app.Api(token).GetAsync("/api/v1/streaming/public", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var events = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(StreamClient.Patience);
        Assert.Equal(":)", await events.ReadLineAsync(timeout.Token));

        // Already waiting for the event stream's next line when the server stops, as a client is: the test host then
        // tears the pipeline down behind the ended request, which Kestrel (waiting for requests to end) would not.
        var hint = NextLineAsync(events, timeout.Token);

        app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        Assert.Equal((WebSocketCloseStatus)1012, await socket.ClosedAsync());
        Assert.Equal("retry: 1000", await hint);
    }

    private static async Task<string?> NextLineAsync(StreamReader events, CancellationToken ct)
    {
        string? line;
        do
        {
            line = await events.ReadLineAsync(ct);
        }
        while (line == ":thump");
        return line;
    }
}

public sealed class StreamDrainSqliteTests(SqliteApp app) : StreamDrainTests(app), IClassFixture<SqliteApp>;

public sealed class StreamDrainPostgresTests(PostgresApp app) : StreamDrainTests(app), IClassFixture<PostgresApp>;
