using System.Net;
using System.Net.WebSockets;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>The two kinds of stream a member holds open, against a real socket: the Mastodon WebSocket and the web
/// page's live event stream.</summary>
public static class NodeStreams
{
    public static async Task<StreamClient> WebSocketAsync(Uri server, string query, string token)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
        using var timeout = new CancellationTokenSource(StreamClient.Patience);
        var address = new UriBuilder(server) { Scheme = "ws", Path = "/api/v1/streaming", Query = query }.Uri;
        await socket.ConnectAsync(address, timeout.Token);
        return new StreamClient(socket);
    }

    /// <summary>Opens the signed-in browser's <c>/live/stream</c> and reads its opening comment.</summary>
    public static async Task<(HttpResponseMessage Response, StreamReader Reader)> LivePageAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/live/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(StreamClient.Patience);
        Assert.Equal(":)", await reader.ReadLineAsync(timeout.Token));
        return (response, reader);
    }

    /// <summary>Reads event-stream lines until one contains <paramref name="text"/>; heartbeats and other events are
    /// skipped. Fails after <see cref="StreamClient.Patience"/>.</summary>
    public static async Task<string> LineWithAsync(StreamReader reader, string text)
    {
        using var timeout = new CancellationTokenSource(StreamClient.Patience);
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(text, StringComparison.Ordinal))
            {
                return line;
            }
        }
        throw new InvalidOperationException($"The event stream ended before a line with {text}.");
    }
}
