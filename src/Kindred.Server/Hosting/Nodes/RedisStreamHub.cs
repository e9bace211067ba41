using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Streaming;
using StackExchange.Redis;

namespace Kindred.Server.Hosting.Nodes;

/// <summary>
/// The stream hub of a multi-node install (ADR 93): an event is handed to this node's subscribers at once, as the
/// single-process hub does, and published on a Redis channel that every other node hears and hands to its own
/// subscribers. Only the event's names and ids travel, never a rendered payload, so what a member receives is still
/// decided by the node that holds their connection (ADR 16); AccessChanged travels the same way, so each node's kept
/// credentials (ADR 89) and open streams hear a revocation made on any node.
/// <para>
/// While Redis is away, events reach this node's subscribers only; other nodes' streams catch up at their periodic
/// access check and kept credentials lapse within <see cref="CredentialCache.KeepFor"/>.
/// </para>
/// </summary>
public sealed class RedisStreamHub : IStreamHub, IDisposable
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(RedisConnection.Prefix + "stream");

    private readonly InProcessStreamHub local = new();
    private readonly ISubscriber bus;
    private readonly Lock gate = new();
    private readonly ILogger<RedisStreamHub> logger;
    private ChannelMessageQueue? queue;

    // Tells this node's own messages apart when Redis brings them back.
    private readonly string origin = Guid.NewGuid().ToString("N");

    public RedisStreamHub(RedisConnection redis, ILogger<RedisStreamHub> logger)
    {
        this.logger = logger;
        bus = redis.Multiplexer.GetSubscriber();
        // Once subscribed, the client subscribes again after every reconnect by itself; a node that started while Redis
        // was away subscribes when it first connects.
        redis.Multiplexer.ConnectionRestored += (_, _) => TrySubscribe();
        TrySubscribe();
    }

    private void TrySubscribe()
    {
        lock (gate)
        {
            if (queue is not null)
            {
                return;
            }
            try
            {
                // Whatever a failed attempt may have left registered goes first, so no event is handed over twice.
                bus.Unsubscribe(Channel, null, CommandFlags.FireAndForget);
                // A queue (not a handler) keeps the events of one publisher in their order.
                queue = bus.Subscribe(Channel);
                queue.OnMessage(Receive);
            }
            catch (RedisException e)
            {
                logger.LogWarning(e, "Redis is unreachable: streams on this node hear only this node's events until it answers");
            }
        }
    }

    public void Publish(StreamEvent e)
    {
        local.Publish(e);
        try
        {
            bus.Publish(Channel, Encode(origin, e), CommandFlags.FireAndForget);
        }
        catch (RedisException ex)
        {
            logger.LogWarning(ex, "Redis is unreachable: {Kind} reached this node's streams only", e.Kind);
        }
    }

    public IDisposable Subscribe(Func<StreamEvent, bool> deliver, Action overflow) => local.Subscribe(deliver, overflow);

    private void Receive(ChannelMessage message)
    {
        if (Decode((string?)message.Message) is { } received && received.Origin != origin)
        {
            local.Publish(received.Event);
        }
    }

    /// <summary>origin|kind|id|account|name: the name last, since only it may hold the separator.</summary>
    public static string Encode(string origin, StreamEvent e) =>
        string.Join('|', origin, ((int)e.Kind).ToString(CultureInfo.InvariantCulture), e.Id.ToString(CultureInfo.InvariantCulture),
            e.AccountId?.ToString(CultureInfo.InvariantCulture) ?? "", e.Name ?? "");

    public static (string Origin, StreamEvent Event)? Decode(string? text)
    {
        var parts = text?.Split('|', 5);
        if (parts is not { Length: 5 }
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kind)
            || !Enum.IsDefined((StreamEventKind)kind)
            || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
        {
            return null;
        }
        long? account = long.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var a) ? a : null;
        return (parts[0], new StreamEvent((StreamEventKind)kind, id, account, parts[4].Length == 0 ? null : parts[4]));
    }

    public void Dispose() => queue?.Unsubscribe();
}
