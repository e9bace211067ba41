namespace Kindred.Core.Common;

/// <summary>
/// Where committed changes meet open streams (ADR 16). One process by default (Streaming's <c>InProcessStreamHub</c>);
/// a multi-node install relays every event through Redis (the server's <c>RedisStreamHub</c>, ADR 93), which is why
/// this is an interface. It is in Common because Accounts publishes to it too (ending a member's access closes their
/// streams) and Streaming sits above Accounts (ADR 52).
/// </summary>
public interface IStreamHub
{
    /// <summary>Hands <paramref name="e"/> to every subscriber. Call only after the change is committed.</summary>
    void Publish(StreamEvent e);

    /// <summary>
    /// Registers <paramref name="deliver"/> for every event until the result is disposed. It must not block; it returns
    /// false when the subscriber cannot take more (its queue is full), and the hub then calls <paramref name="overflow"/>.
    /// </summary>
    IDisposable Subscribe(Func<StreamEvent, bool> deliver, Action overflow);
}
