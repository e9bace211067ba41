using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>
/// The write path of federation (ADR 101, 102) against a loopback Mastodon-shaped peer: its Follow is accepted with a
/// signed Accept, it becomes a remote account that is no member, a member's public posts reach it and nothing
/// non-public ever does, and a member follows it by handle, sees its posts and favourites them.
/// </summary>
public abstract class FederationDeliveryTests(KindredApp app) : IAsyncLifetime
{
    private static readonly string[] Kinds = [InboxDispatch.Name, DeliveryJob.Name, StatusDelivery.Name];
    private RemoteActorServer remote = null!;

    public async Task InitializeAsync() => remote = await RemoteActorServer.StartAsync();

    public async Task DisposeAsync() => await remote.DisposeAsync();

    /// <summary>Runs the federation jobs (the background runner may take some first) until <paramref name="done"/> answers.</summary>
    private async Task<T> EventuallyAsync<T>(Func<Task<T?>> done)
        where T : struct
    {
        for (var i = 0; i < 100; i++)
        {
            await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync(Kinds));
            if (await done() is { } result)
            {
                return result;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The federation jobs did not get there.");
    }

    private Task<bool> UntilAsync(Func<Task<bool>> done) => EventuallyAsync<bool>(async () => await done() ? true : null);

    private Task<JsonElement?> DeliveredAsync(string type, Func<JsonElement, bool>? where = null) => Task.FromResult(
        remote.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())
            .Where(e => e.GetProperty("type").GetString() == type && (where is null || where(e)))
            .Select(e => (JsonElement?)e).LastOrDefault());

    private async Task SendAsync(string path, string json) =>
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api().SendAsync(remote.SignedCavage(path, json))).StatusCode);

    private string Follow(string id, string username) =>
        $$"""{"@context":"https://www.w3.org/ns/activitystreams","id":"{{remote.ActorId}}/follows/{{id}}","type":"Follow","actor":"{{remote.ActorId}}","object":"http://localhost/users/{{username}}"}""";

    /// <summary>The remote follows <paramref name="username"/> and the Accept arrives; answers the Follow's id.</summary>
    private async Task<string> FollowedByRemoteAsync(string username)
    {
        var id = Guid.NewGuid().ToString("N");
        await SendAsync($"/users/{username}/inbox", Follow(id, username));
        var followId = $"{remote.ActorId}/follows/{id}";
        await EventuallyAsync(() => DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString() == followId));
        return followId;
    }

    private async Task<int> NodeInfoUsersAsync() =>
        (await KindredApp.Json(await app.Api().GetAsync("/nodeinfo/2.1"), HttpStatusCode.OK)).GetProperty("usage").GetProperty("users").GetProperty("total").GetInt32();

    [Fact]
    public async Task ARemoteFollowIsAcceptedWithASignatureTheMembersKeyVerifiesAndTheFollowerIsNoMember()
    {
        var alice = await app.CreateUserAsync("fdalice");
        var membersBefore = await NodeInfoUsersAsync();
        var followId = await FollowedByRemoteAsync("fdalice");
        var accept = (await DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString() == followId))!.Value;
        Assert.Equal("http://localhost/users/fdalice", accept.GetProperty("actor").GetString());
        Assert.Equal(remote.ActorId, accept.GetProperty("object").GetProperty("actor").GetString());

        // Signed draft-cavage as the member: the peer checks it with the key the member's actor publishes.
        var received = remote.Received.Last(r => r.Body.Contains(followId, StringComparison.Ordinal) && r.Body.Contains("\"Accept\"", StringComparison.Ordinal));
        Assert.Contains("keyId=\"http://localhost/users/fdalice#main-key\"", received.Signature, StringComparison.Ordinal);
        Assert.Contains("headers=\"(request-target) host date digest\"", received.Signature, StringComparison.Ordinal);
        Assert.Equal("SHA-256=" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(received.Body))), received.Digest);
        var pem = (await ActivityPubClient.JsonAsync(app, "/users/fdalice")).GetProperty("publicKey").GetProperty("publicKeyPem").GetString()!;
        using var key = RSA.Create();
        key.ImportFromPem(pem);
        var signature = received.Signature.Split("signature=\"")[1].TrimEnd('"');
        var text = $"(request-target): post {received.Path}\nhost: {received.Host}\ndate: {received.Date}\ndigest: {received.Digest}";
        Assert.True(key.VerifyData(Encoding.UTF8.GetBytes(text), Convert.FromBase64String(signature), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        // The shared inbox, not the personal one: one delivery per server.
        Assert.Equal("/inbox", received.Path);

        // The follower is a remote account: a handle with the host, its own server's url, no user, so never a member.
        var host = new Uri(remote.BaseUrl).Authority;
        var follower = await app.WithDbAsync(db => db.Accounts.Include(a => a.User).SingleAsync(a => a.Domain == host && a.UsernameNormalized == "remote"));
        Assert.Null(follower.User);
        Assert.True(await app.WithDbAsync(db => db.Follows.AnyAsync(f => f.AccountId == follower.Id && f.TargetAccountId == alice.Id)));
        var token = await app.TokenAsync("fdalice");
        var shown = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/accounts/{follower.Id}"), HttpStatusCode.OK);
        Assert.Equal(remote.Handle, shown.GetProperty("acct").GetString());
        Assert.Equal(remote.BaseUrl + "/@remote", shown.GetProperty("url").GetString());
        Assert.Equal(remote.ActorId, shown.GetProperty("uri").GetString());
        Assert.Equal(membersBefore, await NodeInfoUsersAsync());

        // Undo of the Follow ends it.
        await SendAsync("/users/fdalice/inbox", $$"""
            {"@context":"https://www.w3.org/ns/activitystreams","id":"{{followId}}/undo","type":"Undo","actor":"{{remote.ActorId}}",
             "object":{"id":"{{followId}}","type":"Follow","actor":"{{remote.ActorId}}","object":"http://localhost/users/fdalice"} }
            """);
        await UntilAsync(async () => !await app.WithDbAsync(db => db.Follows.AnyAsync(f => f.AccountId == follower.Id && f.TargetAccountId == alice.Id)));
    }

    [Fact]
    public async Task ALockedMembersAnswerIsWhatThePeerHears()
    {
        var bob = await app.CreateUserAsync("fdbob");
        await app.WithDbAsync(async db =>
        {
            await db.Accounts.Where(a => a.Id == bob.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.Locked, true));
        });
        var id = Guid.NewGuid().ToString("N");
        await SendAsync("/users/fdbob/inbox", Follow(id, "fdbob"));
        var requester = await EventuallyAsync(() => app.WithDbAsync(db => db.FollowRequests.Where(r => r.TargetAccountId == bob.Id).Select(r => (long?)r.AccountId).FirstOrDefaultAsync()));
        Assert.Null(await DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString()!.EndsWith(id, StringComparison.Ordinal)));
        var token = await app.TokenAsync("fdbob");
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/follow_requests/{requester}/authorize", null), HttpStatusCode.OK);
        var accept = await EventuallyAsync(() => DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString()!.EndsWith(id, StringComparison.Ordinal)));
        Assert.Equal("http://localhost/users/fdbob", accept.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task PublicPostsReachRemoteFollowersAndNoOtherVisibilityIsEverQueued()
    {
        await app.CreateUserAsync("fdcarol");
        await FollowedByRemoteAsync("fdcarol");
        var token = await app.TokenAsync("fdcarol");
        foreach (var visibility in new[] { "private", "direct", "members_only" })
        {
            var marker = "secret-" + visibility + "-" + Guid.NewGuid().ToString("N")[..8];
            var id = (await app.PostStatusAsync(token, marker, visibility)).GetProperty("id").GetString();
            // Nothing is queued for it, so nothing can leave however the jobs run.
            Assert.False(await app.WithDbAsync(db => db.Jobs.AnyAsync(j => (j.Kind == StatusDelivery.Name && j.Payload.Contains("\"StatusId\":" + id))
                || (j.Kind == DeliveryJob.Name && j.Payload.Contains(marker)))));
        }
        var shown = await app.PostStatusAsync(token, "hello fediverse from carol");
        var statusId = shown.GetProperty("id").GetString()!;
        var create = await EventuallyAsync(() => DeliveredAsync("Create", c => c.GetProperty("object").GetProperty("content").GetString()!.Contains("hello fediverse from carol", StringComparison.Ordinal)));
        Assert.Equal($"http://localhost/users/fdcarol/statuses/{statusId}", create.GetProperty("object").GetProperty("id").GetString());
        Assert.Equal(shown.GetProperty("uri").GetString(), create.GetProperty("object").GetProperty("id").GetString());
        var unlisted = await app.PostStatusAsync(token, "quietly public from carol", "unlisted");
        await EventuallyAsync(() => DeliveredAsync("Create", c => c.GetProperty("object").GetProperty("id").GetString()!.EndsWith(unlisted.GetProperty("id").GetString()!, StringComparison.Ordinal)));

        // An edit is an Update, a delete a Delete of the Note's id.
        await KindredApp.Json(await app.Api(token).PutAsync($"/api/v1/statuses/{statusId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "hello fediverse, edited" })), HttpStatusCode.OK);
        await EventuallyAsync(() => DeliveredAsync("Update", u => u.GetProperty("object").GetProperty("content").GetString()!.Contains("edited", StringComparison.Ordinal)));
        await KindredApp.Json(await app.Api(token).DeleteAsync($"/api/v1/statuses/{statusId}"), HttpStatusCode.OK);
        await EventuallyAsync(() => DeliveredAsync("Delete", d => d.GetProperty("object").GetProperty("id").GetString() == create.GetProperty("object").GetProperty("id").GetString()));

        // Every body that left: never one of the non-public posts.
        Assert.DoesNotContain(remote.Received, r => r.Body.Contains("secret-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMemberFollowsARemoteAccountByHandleSeesItsPostsAndFavouritesThem()
    {
        await app.CreateUserAsync("fddave");
        var token = await app.TokenAsync("fddave");
        var found = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v2/search?resolve=true&type=accounts&q=%40{Uri.EscapeDataString(remote.Handle)}"), HttpStatusCode.OK);
        var account = found.GetProperty("accounts").EnumerateArray().Single();
        Assert.Equal(remote.Handle, account.GetProperty("acct").GetString());
        var remoteId = account.GetProperty("id").GetString()!;
        var relationship = await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/accounts/{remoteId}/follow", null), HttpStatusCode.OK);
        Assert.True(relationship.GetProperty("requested").GetBoolean());
        var follow = await EventuallyAsync(() => DeliveredAsync("Follow", f => f.GetProperty("actor").GetString() == "http://localhost/users/fddave"));
        Assert.Equal(remote.ActorId, follow.GetProperty("object").GetString());

        // The peer accepts (embedding the Follow, as Mastodon does): the request becomes a follow.
        await SendAsync("/inbox", $$"""
            {"@context":"https://www.w3.org/ns/activitystreams","id":"{{remote.ActorId}}#accepts/{{Guid.NewGuid():N}}","type":"Accept","actor":"{{remote.ActorId}}",
             "object":{"id":"{{follow.GetProperty("id").GetString()}}","type":"Follow","actor":"http://localhost/users/fddave","object":"{{remote.ActorId}}"} }
            """);
        await UntilAsync(async () =>
        {
            var r = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/accounts/relationships?id[]={remoteId}"), HttpStatusCode.OK);
            return r[0].GetProperty("following").GetBoolean();
        });

        // Its public post lands in the member's home, sanitized.
        var noteId = Guid.NewGuid().ToString("N");
        await SendAsync("/inbox", remote.CreateNote(noteId, "Greetings from afar<script>alert(1)</script>"));
        var inHome = await EventuallyAsync(async () =>
        {
            var home = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/timelines/home"), HttpStatusCode.OK);
            return home.EnumerateArray().Where(s => s.GetProperty("content").GetString()!.Contains("Greetings from afar", StringComparison.Ordinal))
                .Select(s => (JsonElement?)s).FirstOrDefault();
        });
        Assert.DoesNotContain("<script", inHome.GetProperty("content").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(remote.Handle, inHome.GetProperty("account").GetProperty("acct").GetString());

        // A favourite is a Like of the Note's own id, sent to its author.
        var statusId = inHome.GetProperty("id").GetString();
        await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/statuses/{statusId}/favourite", null), HttpStatusCode.OK);
        var like = await EventuallyAsync(() => DeliveredAsync("Like"));
        Assert.Equal($"{remote.ActorId}/statuses/{noteId}", like.GetProperty("object").GetString());

        // The peer deletes it: gone here too.
        await SendAsync("/inbox", $$"""
            {"@context":"https://www.w3.org/ns/activitystreams","id":"{{remote.ActorId}}/statuses/{{noteId}}#delete","type":"Delete","actor":"{{remote.ActorId}}",
             "object":{"id":"{{remote.ActorId}}/statuses/{{noteId}}","type":"Tombstone"} }
            """);
        await UntilAsync(async () => (await app.Api(token).GetAsync($"/api/v1/statuses/{statusId}")).StatusCode == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ARemoteLikeOfAPublicPostNotifiesAndOfAMembersOnlyPostDoesNothing()
    {
        await app.CreateUserAsync("fderin");
        var token = await app.TokenAsync("fderin");
        var open = (await app.PostStatusAsync(token, "likeable")).GetProperty("id").GetString();
        var closed = (await app.PostStatusAsync(token, "members only words", "members_only")).GetProperty("id").GetString();
        foreach (var id in new[] { closed, open })
        {
            await SendAsync("/users/fderin/inbox", $$"""
                {"@context":"https://www.w3.org/ns/activitystreams","id":"{{remote.ActorId}}#likes/{{Guid.NewGuid():N}}","type":"Like","actor":"{{remote.ActorId}}",
                 "object":"http://localhost/users/fderin/statuses/{{id}}"}
                """);
        }
        var notified = await EventuallyAsync(async () =>
        {
            var list = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/notifications?types[]=favourite"), HttpStatusCode.OK);
            return list.GetArrayLength() > 0 ? (JsonElement?)list : null;
        });
        var only = Assert.Single(notified.EnumerateArray());
        Assert.Equal(open, only.GetProperty("status").GetProperty("id").GetString());
        Assert.Equal(remote.Handle, only.GetProperty("account").GetProperty("acct").GetString());
        Assert.Equal(0, await app.WithDbAsync(db => db.Favourites.CountAsync(f => f.StatusId == long.Parse(closed!, System.Globalization.CultureInfo.InvariantCulture))));
    }
}

public sealed class FederationDeliverySqliteTests(FederationSqliteApp app) : FederationDeliveryTests(app), IClassFixture<FederationSqliteApp>;

public sealed class FederationDeliveryPostgresTests(FederationPostgresApp app) : FederationDeliveryTests(app), IClassFixture<FederationPostgresApp>;
