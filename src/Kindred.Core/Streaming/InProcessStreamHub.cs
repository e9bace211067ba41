using System.Collections.Concurrent;
using Kindred.Core.Common;

namespace Kindred.Core.Streaming;

/// <summary>The single-process hub: publishing walks the current subscribers and offers each the event.</summary>
public sealed class InProcessStreamHub : IStreamHub
{
    private readonly ConcurrentDictionary<long, Subscriber> subscribers = new();
    private long nextId;

    public int SubscriberCount => subscribers.Count;

    public void Publish(StreamEvent e)
    {
        foreach (var subscriber in subscribers.Values)
        {
            if (!subscriber.Deliver(e))
            {
                // A subscriber that cannot keep up is cut off rather than buffered without bound.
                subscribers.TryRemove(subscriber.Id, out _);
                subscriber.Overflow();
            }
        }
    }

    public IDisposable Subscribe(Func<StreamEvent, bool> deliver, Action overflow)
    {
        var subscriber = new Subscriber(Interlocked.Increment(ref nextId), deliver, overflow, this);
        subscribers[subscriber.Id] = subscriber;
        return subscriber;
    }

    private sealed record Subscriber(long Id, Func<StreamEvent, bool> Deliver, Action Overflow, InProcessStreamHub Hub) : IDisposable
    {
        public void Dispose() => Hub.subscribers.TryRemove(Id, out _);
    }
}
