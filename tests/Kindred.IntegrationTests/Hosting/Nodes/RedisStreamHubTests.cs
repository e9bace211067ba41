using Kindred.Core.Common;
using Kindred.Server.Hosting.Nodes;

namespace Kindred.IntegrationTests.Hosting.Nodes;

/// <summary>What travels between nodes is the event itself, whole: kind, id, account and name (ADR 93).</summary>
public sealed class RedisStreamHubTests
{
    public static TheoryData<StreamEvent> Events => new()
    {
        StreamEvent.StatusCreated(123456789012345),
        StreamEvent.StatusDeleted(1),
        StreamEvent.Notification(42, 7),
        StreamEvent.AccessChanged(42),
        StreamEvent.AccessChanged(null),
        StreamEvent.AnnouncementReaction(5, "party|parrot"),
        StreamEvent.AnnouncementReaction(5, "🎉"),
    };

    [Theory]
    [MemberData(nameof(Events))]
    public void AnEventArrivesOnTheOtherNodeAsItWasPublished(StreamEvent e)
    {
        var decoded = RedisStreamHub.Decode(RedisStreamHub.Encode("node-a", e));
        Assert.Equal(("node-a", e), decoded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a|b|c")]
    [InlineData("a|999|1||")]
    [InlineData("a|0|x||")]
    public void AMessageThatIsNotAnEventIsIgnored(string? text) => Assert.Null(RedisStreamHub.Decode(text));
}
