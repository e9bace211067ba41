using Kindred.Core.Common;
using Kindred.Core.Streaming;

namespace Kindred.UnitTests.Streaming;

public sealed class InProcessStreamHubTests
{
    [Fact]
    public void EverySubscriberGetsEachEventUntilItUnsubscribes()
    {
        var hub = new InProcessStreamHub();
        var first = new List<StreamEvent>();
        var second = new List<StreamEvent>();
        using var a = hub.Subscribe(e => { first.Add(e); return true; }, () => { });
        var b = hub.Subscribe(e => { second.Add(e); return true; }, () => { });
        hub.Publish(StreamEvent.StatusCreated(1));
        b.Dispose();
        hub.Publish(StreamEvent.StatusDeleted(1));
        Assert.Equal([StreamEvent.StatusCreated(1), StreamEvent.StatusDeleted(1)], first);
        Assert.Equal([StreamEvent.StatusCreated(1)], second);
    }

    [Fact]
    public void ASubscriberThatCannotKeepUpIsCutOffWithoutHoldingUpTheOthers()
    {
        var hub = new InProcessStreamHub();
        var overflowed = 0;
        var slowQueue = 0;
        var fast = 0;
        using var slow = hub.Subscribe(_ => ++slowQueue <= 2, () => overflowed++);
        using var quick = hub.Subscribe(_ => { fast++; return true; }, () => { });
        for (var i = 0; i < 5; i++)
        {
            hub.Publish(StreamEvent.StatusCreated(i));
        }
        Assert.Equal(1, overflowed);
        Assert.Equal(3, slowQueue);
        Assert.Equal(5, fast);
        Assert.Equal(1, hub.SubscriberCount);
    }
}
