namespace Kindred.Server.Mastodon.Streaming;

/// <summary>How events leave the server: a WebSocket (several streams on one socket) or an event stream (SSE, one stream).</summary>
public interface IStreamTransport
{
    /// <summary>Sends one event. <paramref name="payload"/> is the JSON text of the entity, or a bare id for deletions.</summary>
    Task SendAsync(IReadOnlyList<string> stream, string eventName, string payload, CancellationToken ct);

    /// <summary>Keeps proxies from closing an idle connection.</summary>
    Task HeartbeatAsync(CancellationToken ct);

    /// <summary>Tells the client why the stream ends, where the transport can.</summary>
    Task CloseAsync(string reason, CancellationToken ct);

    /// <summary>The server is stopping (SIGTERM): ends the stream so that the client reconnects, through the load balancer
    /// to another node (ADR 93).</summary>
    Task RestartAsync(CancellationToken ct);
}
