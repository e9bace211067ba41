using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>A Mastodon streaming client over the test server's WebSocket: reads messages with a time limit.</summary>
public sealed class StreamClient(WebSocket socket) : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public WebSocket Socket => socket;

    public static async Task<StreamClient> ConnectAsync(KindredApp app, string query, string? bearer = null, string? protocol = null)
    {
        var client = app.Server.CreateWebSocketClient();
        if (bearer is not null)
        {
            client.ConfigureRequest = r => r.Headers.Authorization = "Bearer " + bearer;
        }
        if (protocol is not null)
        {
            client.SubProtocols.Add(protocol);
        }
        using var timeout = new CancellationTokenSource(Patience);
        return new StreamClient(await client.ConnectAsync(new Uri("ws://localhost/api/v1/streaming" + query), timeout.Token));
    }

    public Task SendAsync(object message) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(message), WebSocketMessageType.Text, true, CancellationToken.None);

    /// <summary>Sends subscribe or unsubscribe, then a message the server answers with an error: once that answer
    /// arrives, the server has applied the first (it reads messages in order).</summary>
    public async Task SendAndSyncAsync(object message)
    {
        await SendAsync(message);
        await SendAsync(new { type = "sync-marker" });
        var answer = await NextAsync();
        Assert.True(answer.TryGetProperty("error", out _), $"Expected the marker's error, got {answer}");
    }

    /// <summary>The next message, or a failed test after <see cref="Patience"/>.</summary>
    public async Task<JsonElement> NextAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException($"The server closed the stream: {result.CloseStatusDescription}");
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonDocument.Parse(Encoding.UTF8.GetString(message.ToArray())).RootElement.Clone();
            }
        }
    }

    /// <summary>The next message of event <paramref name="eventName"/>; its payload parsed when it holds JSON.</summary>
    public async Task<(string Stream, string Event, string Payload)> NextEventAsync()
    {
        var message = await NextAsync();
        return (
            string.Join(' ', message.GetProperty("stream").EnumerateArray().Select(s => s.GetString())),
            message.GetProperty("event").GetString()!,
            message.GetProperty("payload").GetString()!);
    }

    /// <summary>Waits for the server to close the socket; returns its close status.</summary>
    public async Task<WebSocketCloseStatus?> ClosedAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, timeout.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or WebSocketException)
            {
            }
        }
        socket.Dispose();
    }
}
