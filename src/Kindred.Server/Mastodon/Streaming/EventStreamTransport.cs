using System.Text;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>Server-sent events: <c>event: update</c> and <c>data: …</c> lines, and comment lines as heartbeats, byte for
/// byte as Mastodon's streaming server writes them (<c>:)</c> and <c>:thump</c>, each with a single newline): Mastodon.py's
/// listener reads a blank line as the end of an event and fails on an event with no name (ADR 77).</summary>
public sealed class EventStreamTransport(HttpResponse response) : IStreamTransport
{
    /// <summary>Sends the headers and a first comment, so clients and proxies see the stream open at once.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Tells nginx not to buffer the stream.
        response.Headers["X-Accel-Buffering"] = "no";
        await WriteAsync(":)\n", ct);
    }

    public Task SendAsync(IReadOnlyList<string> stream, string eventName, string payload, CancellationToken ct)
    {
        var text = new StringBuilder().Append("event: ").Append(eventName).Append('\n');
        foreach (var line in payload.Split('\n'))
        {
            text.Append("data: ").Append(line).Append('\n');
        }
        return WriteAsync(text.Append('\n').ToString(), ct);
    }

    public Task HeartbeatAsync(CancellationToken ct) => WriteAsync(":thump\n", ct);

    public Task CloseAsync(string reason, CancellationToken ct) => Task.CompletedTask;

    /// <summary>A retry field alone (no blank line, so no nameless event for a client to trip on) asks the browser's
    /// EventSource to come back within a second; the stream then ends.</summary>
    public Task RestartAsync(CancellationToken ct) => WriteAsync("retry: 1000\n", ct);

    private async Task WriteAsync(string text, CancellationToken ct)
    {
        await response.WriteAsync(text, Encoding.UTF8, ct);
        await response.Body.FlushAsync(ct);
    }
}
