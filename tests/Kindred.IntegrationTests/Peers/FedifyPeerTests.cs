using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Peers;

/// <summary>
/// Kindred with a real independent ActivityPub implementation (issue 18): Fedify 1.5.9 on Node follows a Kindred
/// member, receives the member's public posts (and never a members-only one), replies, and the member sees the reply
/// in the thread and as a mention. Every signature on both sides is checked by the other side's own code.
/// </summary>
public abstract class FedifyPeerTests(FedifyWorld world)
{
    private LoopbackKindredApp Kindred => world.Kindred;

    private FedifyPeer Peer => world.Peer;

    private async Task<JsonElement?> ReceivedAsync(string type, string? containing = null) =>
        (await Peer.ReceivedAsync()).Where(a => a.GetProperty("type").GetString() == type
                && (containing is null || a.GetRawText().Contains(containing, StringComparison.Ordinal)))
            .Select(a => (JsonElement?)a).FirstOrDefault();

    [Fact]
    public async Task FedifyFollowsAMemberReceivesTheirPostsAndItsReplyReachesThem()
    {
        await Kindred.CreateUserAsync("kim");
        var kim = await Kindred.TokenAsync("kim");
        var kimActor = $"{Kindred.PublicUrl}/users/kim";

        // Fedify resolves acct: handles over https only, so it looks the member up by the actor's address.
        await Peer.FollowAsync(kimActor);
        var accept = await world.EventuallyAsync(() => ReceivedAsync("Accept"));
        Assert.Equal(kimActor, accept.GetProperty("actor").GetString());
        var followers = await KindredApp.Json(await Kindred.Api(kim).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal(1, followers.GetProperty("followers_count").GetInt32());

        await Kindred.PostStatusAsync(kim, "secret members words", "members_only");
        var post = await Kindred.PostStatusAsync(kim, "Hello from Kindred to Fedify");
        var create = await world.EventuallyAsync(() => ReceivedAsync("Create", "Hello from Kindred to Fedify"));
        var noteId = post.GetProperty("uri").GetString()!;
        Assert.Contains(noteId, create.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain(await Peer.ReceivedAsync(), a => a.GetRawText().Contains("secret", StringComparison.Ordinal));

        // Fedify replies, mentioning the member: the reply is in the thread and the member is told.
        await Peer.ReplyAsync(noteId, "Hello back from Fedify");
        var postId = post.GetProperty("id").GetString();
        var reply = await world.EventuallyAsync(async () =>
        {
            var context = await KindredApp.Json(await Kindred.Api(kim).GetAsync($"/api/v1/statuses/{postId}/context"), HttpStatusCode.OK);
            return context.GetProperty("descendants").EnumerateArray().Select(s => (JsonElement?)s).FirstOrDefault();
        });
        Assert.Contains("Hello back from Fedify", reply.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(Peer.Handle, reply.GetProperty("account").GetProperty("acct").GetString());
        var mentions = await KindredApp.Json(await Kindred.Api(kim).GetAsync("/api/v1/notifications?types[]=mention"), HttpStatusCode.OK);
        Assert.Equal(Peer.Handle, Assert.Single(mentions.EnumerateArray()).GetProperty("account").GetProperty("acct").GetString());
    }
}

public sealed class FedifyPeerSqliteTests(FedifySqliteWorld world) : FedifyPeerTests(world), IClassFixture<FedifySqliteWorld>;

public sealed class FedifyPeerPostgresTests(FedifyPostgresWorld world) : FedifyPeerTests(world), IClassFixture<FedifyPostgresWorld>;
