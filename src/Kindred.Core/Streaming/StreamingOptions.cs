namespace Kindred.Core.Streaming;

/// <summary>The "Kindred:Streaming" configuration section (README table).</summary>
public sealed class StreamingOptions
{
    public const string Section = "Kindred:Streaming";

    /// <summary>Events waiting for one connection before it is dropped as too slow.</summary>
    public int QueueLength { get; set; } = 200;

    /// <summary>Seconds between heartbeat comments on event-stream (SSE) connections and pings on WebSockets.</summary>
    public int HeartbeatSeconds { get; set; } = 15;

    /// <summary>Seconds between access re-checks when no event arrives, for revocations no hook reports (an ended browser session).</summary>
    public int AccessCheckSeconds { get; set; } = 5;
}
