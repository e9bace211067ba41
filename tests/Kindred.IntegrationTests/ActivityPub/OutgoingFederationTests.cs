using System.Net;
using System.Text.Json;
using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>
/// What members do that reaches other servers beyond posts to followers (ADR 105), against a loopback Mastodon-shaped
/// peer: a public post mentioning a remote account reaches it without a follow, addressed and tagged, while a
/// followers-only or direct post naming it never leaves; a block and its withdrawal are a Block and an Undo of the
/// same Block; a profile change that the actor document shows is an Update of the actor, a private setting is not.
/// </summary>
public abstract class OutgoingFederationTests(KindredApp app) : IAsyncLifetime
{
    private static readonly string[] Kinds = [InboxDispatch.Name, DeliveryJob.Name, StatusDelivery.Name, ProfileDelivery.Name];
    private RemoteActorServer remote = null!;

    public async Task InitializeAsync() => remote = await RemoteActorServer.StartAsync();

    public async Task DisposeAsync() => await remote.DisposeAsync();

    private async Task RunJobsAsync() =>
        await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync(Kinds));

    /// <summary>Runs the federation jobs (the background runner may take some first) until <paramref name="done"/> answers.</summary>
    private async Task<JsonElement> DeliveredAsync(string type, Func<JsonElement, bool> where)
    {
        for (var i = 0; i < 100; i++)
        {
            await RunJobsAsync();
            if (Received(type).Where(where).Select(e => (JsonElement?)e).LastOrDefault() is { } found)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No {type} was delivered.");
    }

    private List<JsonElement> Received(string type) =>
        [.. remote.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).Where(e => e.GetProperty("type").GetString() == type)];

    /// <summary>The member finds the peer's account by handle (it becomes known here) and answers its id.</summary>
    private async Task<string> ResolveRemoteAsync(string token)
    {
        var found = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v2/search?resolve=true&type=accounts&q=%40{Uri.EscapeDataString(remote.Handle)}"), HttpStatusCode.OK);
        return found.GetProperty("accounts").EnumerateArray().Single().GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task APublicPostMentioningARemoteAccountReachesItAndAPrivateOrDirectOneNeverLeaves()
    {
        await app.CreateUserAsync("ofalice");
        var token = await app.TokenAsync("ofalice");
        var remoteId = await ResolveRemoteAsync(token);

        // Followers-only and direct posts naming the remote account: the handle stays text, nothing is queued or sent.
        foreach (var visibility in new[] { "private", "direct", "members_only" })
        {
            var marker = "hidden-" + visibility;
            var shown = await app.PostStatusAsync(token, $"@{remote.Handle} {marker}", visibility);
            Assert.Empty(shown.GetProperty("mentions").EnumerateArray());
            Assert.False(await app.WithDbAsync(db => db.Jobs.AnyAsync(j => j.Kind == DeliveryJob.Name && j.Payload.Contains(marker))));
        }

        var post = await app.PostStatusAsync(token, $"Hello @{remote.Handle}, welcome!");
        var mention = Assert.Single(post.GetProperty("mentions").EnumerateArray());
        Assert.Equal(remoteId, mention.GetProperty("id").GetString());
        Assert.Contains($"href=\"{remote.BaseUrl}/@remote\"", post.GetProperty("content").GetString(), StringComparison.Ordinal);

        // The peer has no follower of alice: it hears of the post because it is mentioned, addressed in cc and tagged.
        var create = await DeliveredAsync("Create", c => c.GetProperty("object").GetProperty("id").GetString() == post.GetProperty("uri").GetString());
        var note = create.GetProperty("object");
        Assert.Contains(note.GetProperty("cc").EnumerateArray(), a => a.GetString() == remote.ActorId);
        Assert.Contains(create.GetProperty("cc").EnumerateArray(), a => a.GetString() == remote.ActorId);
        var tag = Assert.Single(note.GetProperty("tag").EnumerateArray(), t => t.GetProperty("type").GetString() == "Mention");
        Assert.Equal(remote.ActorId, tag.GetProperty("href").GetString());
        Assert.Equal("@" + remote.Handle, tag.GetProperty("name").GetString());

        // A delete reaches it too, so it drops its copy.
        await KindredApp.Json(await app.Api(token).DeleteAsync($"/api/v1/statuses/{post.GetProperty("id").GetString()}"), HttpStatusCode.OK);
        await DeliveredAsync("Delete", d => d.GetProperty("object").GetProperty("id").GetString() == post.GetProperty("uri").GetString());

        Assert.DoesNotContain(remote.Received, r => r.Body.Contains("hidden-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ABlockOfARemoteAccountIsABlockAndUnblockingUndoesThatSameBlock()
    {
        await app.CreateUserAsync("ofbob");
        var token = await app.TokenAsync("ofbob");
        var remoteId = await ResolveRemoteAsync(token);
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/accounts/{remoteId}/block", null), HttpStatusCode.OK);
        var block = await DeliveredAsync("Block", b => b.GetProperty("actor").GetString() == "http://localhost/users/ofbob");
        Assert.Equal(remote.ActorId, block.GetProperty("object").GetString());
        // Blocking again tells nothing new.
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/accounts/{remoteId}/block", null), HttpStatusCode.OK);

        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/accounts/{remoteId}/unblock", null), HttpStatusCode.OK);
        var undo = await DeliveredAsync("Undo", u => u.GetProperty("object").GetProperty("type").GetString() == "Block");
        Assert.Equal("http://localhost/users/ofbob", undo.GetProperty("actor").GetString());
        Assert.Equal(block.GetProperty("id").GetString(), undo.GetProperty("object").GetProperty("id").GetString());
        Assert.Single(Received("Block"));
    }

    [Fact]
    public async Task AProfileChangeReachesRemoteFollowersAsAnUpdateOfTheActorAndAPrivateSettingDoesNot()
    {
        await app.CreateUserAsync("ofcarol");
        var id = Guid.NewGuid().ToString("N");
        var followId = $"{remote.ActorId}/follows/{id}";
        var follow = $$"""{"@context":"https://www.w3.org/ns/activitystreams","id":"{{followId}}","type":"Follow","actor":"{{remote.ActorId}}","object":"http://localhost/users/ofcarol"}""";
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api().SendAsync(remote.SignedCavage("/users/ofcarol/inbox", follow))).StatusCode);
        await DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString() == followId);
        var token = await app.TokenAsync("ofcarol");

        // Where the member lives is never in the actor: changing it sends nothing.
        await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["area_name"] = "Somewhere private" })), HttpStatusCode.OK);
        await RunJobsAsync();

        await KindredApp.Json(await app.Api(token).PatchAsync("/api/v1/accounts/update_credentials", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["display_name"] = "Carol Renamed",
            ["fields_attributes[0][name]"] = "Pronouns",
            ["fields_attributes[0][value]"] = "she/her",
        })), HttpStatusCode.OK);
        var update = await DeliveredAsync("Update", u => u.GetProperty("object").GetProperty("type").GetString() == "Person");
        Assert.Equal("http://localhost/users/ofcarol", update.GetProperty("actor").GetString());
        var actor = update.GetProperty("object");
        Assert.Equal("http://localhost/users/ofcarol", actor.GetProperty("id").GetString());
        Assert.Equal("Carol Renamed", actor.GetProperty("name").GetString());
        Assert.Equal("Pronouns", actor.GetProperty("attachment")[0].GetProperty("name").GetString());
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", actor.GetProperty("publicKey").GetProperty("publicKeyPem").GetString(), StringComparison.Ordinal);
        Assert.Single(Received("Update"));
        Assert.DoesNotContain(remote.Received, r => r.Body.Contains("Somewhere private", StringComparison.Ordinal));
    }
}

public sealed class OutgoingFederationSqliteTests(FederationSqliteApp app) : OutgoingFederationTests(app), IClassFixture<FederationSqliteApp>;

public sealed class OutgoingFederationPostgresTests(FederationPostgresApp app) : OutgoingFederationTests(app), IClassFixture<FederationPostgresApp>;
