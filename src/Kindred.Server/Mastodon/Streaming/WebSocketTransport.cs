using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>Mastodon's WebSocket messages: <c>{"stream":[…],"event":"update","payload":"&lt;JSON as a string&gt;"}</c>.
/// Sends are serialized: the receive loop may answer a bad subscribe message while events are going out.</summary>
public sealed class WebSocketTransport(WebSocket socket) : IStreamTransport, IDisposable
{
    private readonly SemaphoreSlim sending = new(1, 1);

    public Task SendAsync(IReadOnlyList<string> stream, string eventName, string payload, CancellationToken ct) =>
        SendJsonAsync(new MastodonStreamMessage(stream, eventName, payload), ct);

    /// <summary>Errors on an open socket are messages, as Mastodon sends them: <c>{"error": "…", "status": 400}</c>.</summary>
    public Task SendErrorAsync(string message, int status, CancellationToken ct) => SendJsonAsync(new { error = message, status }, ct);

    /// <summary>Pings are sent by the WebSocket keep-alive, so there is nothing more to do.</summary>
    public Task HeartbeatAsync(CancellationToken ct) => Task.CompletedTask;

    public Task CloseAsync(string reason, CancellationToken ct) => CloseAsync(WebSocketCloseStatus.PolicyViolation, reason, ct);

    /// <summary>1012 "service restart": clients reconnect, as they do to Mastodon's streaming server when it restarts.</summary>
    public Task RestartAsync(CancellationToken ct) => CloseAsync((WebSocketCloseStatus)1012, "The server is restarting; reconnect.", ct);

    private async Task CloseAsync(WebSocketCloseStatus status, string reason, CancellationToken ct)
    {
        await sending.WaitAsync(ct);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(status, reason, ct);
            }
        }
        catch (WebSocketException)
        {
            // The client is already gone.
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>Reads one text message (up to <paramref name="maxBytes"/>); null when the client closes or sends too much.</summary>
    public async Task<string?> ReceiveAsync(int maxBytes, CancellationToken ct)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, ct);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (message.Length > maxBytes)
            {
                return null;
            }
            if (result.EndOfMessage)
            {
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
            }
        }
    }

    public void Dispose() => sending.Dispose();

    private async Task SendJsonAsync<T>(T value, CancellationToken ct)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(value, MastodonJson.Options);
        await sending.WaitAsync(ct);
        try
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, ct);
        }
        finally
        {
            sending.Release();
        }
    }
}
