using System.Net;
using System.Text.Json;
using Kindred.Core.Federation;
using Kindred.Core.Groups;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>
/// Public groups as FEP-1b12 Group actors (ADR 105) against a loopback Mastodon-shaped peer: a Follow joins by the
/// group's policy (Accept, a request its moderators answer, or Reject for a banned account), members' posts go out as
/// the group's Announce of the Create with the group as audience, a remote member's post addressed to the group
/// becomes a group post and is announced on, moderation (removal, pin) federates — and members-only and secret groups
/// are never a follow target and never send anything, which the test checks on every body delivered.
/// </summary>
public abstract class GroupFederationTests(KindredApp app) : IAsyncLifetime
{
    private static readonly string[] Kinds = [InboxDispatch.Name, DeliveryJob.Name, StatusDelivery.Name];
    private RemoteActorServer remote = null!;

    public async Task InitializeAsync() => remote = await RemoteActorServer.StartAsync();

    public async Task DisposeAsync() => await remote.DisposeAsync();

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

    private async Task RunJobsAsync() =>
        await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync(Kinds));

    private List<JsonElement> Received(string type) =>
        [.. remote.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone()).Where(e => e.GetProperty("type").GetString() == type)];

    private async Task SendAsync(string path, string json) =>
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api().SendAsync(remote.SignedCavage(path, json))).StatusCode);

    private static string GroupActor(string slug) => "http://localhost/groups/" + slug;

    /// <summary>The peer's actor follows the group through its shared inbox; answers the Follow's id.</summary>
    private async Task<string> FollowAsync(string slug)
    {
        var id = $"{remote.ActorId}/follows/{Guid.NewGuid():N}";
        await SendAsync("/inbox", $$"""{"@context":"https://www.w3.org/ns/activitystreams","id":"{{id}}","type":"Follow","actor":"{{remote.ActorId}}","object":"{{GroupActor(slug)}}"}""");
        return id;
    }

    private async Task<long> RemoteAccountIdAsync()
    {
        var host = new Uri(remote.BaseUrl).Authority;
        for (var i = 0; i < 100; i++)
        {
            await RunJobsAsync();
            if (await app.WithDbAsync(db => db.Accounts.Where(a => a.Domain == host && a.UsernameNormalized == "remote").Select(a => (long?)a.Id).FirstOrDefaultAsync()) is { } id)
            {
                return id;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The peer's account was not resolved.");
    }

    private async Task<string> PostInGroupAsync(string token, long groupId, string text) =>
        (await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["status"] = text,
            ["group_id"] = groupId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })), HttpStatusCode.OK)).GetProperty("id").GetString()!;

    [Fact]
    public async Task APublicGroupAcceptsAFollowAndAnnouncesItsPostsAndModerationWhileMembersOnlyAndSecretGroupsNeverFederate()
    {
        var owner = await app.CreateUserAsync("gfowner");
        var token = await app.TokenAsync("gfowner");
        var open = await TestGroups.CreateAsync(app, "gf-open", GroupVisibility.Public, owner.Id);
        var members = await TestGroups.CreateAsync(app, "gf-members", GroupVisibility.Members, owner.Id);
        var secret = await TestGroups.CreateAsync(app, "gf-secret", GroupVisibility.Secret, owner.Id);

        // Members-only and secret groups are no actors: their inboxes are 404, a Follow through the shared inbox gets no answer.
        foreach (var hidden in new[] { members, secret })
        {
            var request = remote.SignedCavage($"/groups/{hidden.Slug}/inbox", "{}");
            Assert.Equal(HttpStatusCode.NotFound, (await app.Api().SendAsync(request)).StatusCode);
            await FollowAsync(hidden.Slug);
        }
        var followId = await FollowAsync(open.Slug);
        var accept = await DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString() == followId);
        Assert.Equal(GroupActor(open.Slug), accept.GetProperty("actor").GetString());
        var signed = remote.Received.Last(r => r.Body.Contains(followId, StringComparison.Ordinal));
        Assert.Contains($"keyId=\"{GroupActor(open.Slug)}#main-key\"", signed.Signature, StringComparison.Ordinal);
        var remoteId = await RemoteAccountIdAsync();
        Assert.True(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == open.Id && m.AccountId == remoteId)));
        Assert.False(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.AccountId == remoteId && m.GroupId != open.Id)));
        Assert.Single(Received("Accept"));
        Assert.Empty(Received("Reject"));

        // Even a remote account that belonged to the hidden groups (written here directly) hears nothing of them.
        await TestGroups.JoinAsync(app, members.Id, remoteId);
        await TestGroups.JoinAsync(app, secret.Id, remoteId);
        await PostInGroupAsync(token, members.Id, "gf-hidden-members words");
        await PostInGroupAsync(token, secret.Id, "gf-hidden-secret words");

        var postId = await PostInGroupAsync(token, open.Id, "gf open words");
        var noteId = $"http://localhost/users/gfowner/statuses/{postId}";
        var announce = await DeliveredAsync("Announce", a => a.GetProperty("object").GetProperty("type").GetString() == "Create");
        Assert.Equal(GroupActor(open.Slug), announce.GetProperty("actor").GetString());
        Assert.Equal(GroupActor(open.Slug), announce.GetProperty("audience").GetString());
        var create = announce.GetProperty("object");
        Assert.Equal("http://localhost/users/gfowner", create.GetProperty("actor").GetString());
        Assert.Equal(noteId, create.GetProperty("object").GetProperty("id").GetString());
        Assert.Equal(GroupActor(open.Slug), create.GetProperty("object").GetProperty("audience").GetString());
        Assert.Contains("gf open words", create.GetProperty("object").GetProperty("content").GetString(), StringComparison.Ordinal);

        // A pin is the group's Add to its featured collection; a moderator's removal the group's Delete, announced.
        var statusId = long.Parse(postId, System.Globalization.CultureInfo.InvariantCulture);
        await app.WithServicesAsync(s => s.GetRequiredService<GroupService>().PinStatusAsync(owner.Id, open.Id, statusId));
        var add = await DeliveredAsync("Add", a => a.GetProperty("object").GetString() == noteId);
        Assert.Equal(GroupActor(open.Slug) + "/featured", add.GetProperty("target").GetString());
        await app.WithServicesAsync(s => s.GetRequiredService<GroupService>().RemoveStatusAsync(owner.Id, open.Id, statusId));
        var removal = await DeliveredAsync("Announce", a => a.GetProperty("object").GetProperty("type").GetString() == "Delete");
        Assert.Equal(GroupActor(open.Slug), removal.GetProperty("object").GetProperty("actor").GetString());
        Assert.Equal(noteId, removal.GetProperty("object").GetProperty("object").GetProperty("id").GetString());

        await RunJobsAsync();
        Assert.DoesNotContain(remote.Received, r => r.Body.Contains("gf-hidden", StringComparison.Ordinal)
            || r.Body.Contains(members.Slug, StringComparison.Ordinal) || r.Body.Contains(secret.Slug, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARemoteMembersPostToTheGroupBecomesAGroupPostAnnouncedOnAndAnOutsidersDoesNot()
    {
        var owner = await app.CreateUserAsync("gfhost");
        var open = await TestGroups.CreateAsync(app, "gf-town", GroupVisibility.Public, owner.Id);
        var closed = await TestGroups.CreateAsync(app, "gf-club", GroupVisibility.Public, owner.Id);
        await app.WithDbAsync(db => db.Groups.Where(g => g.Id == closed.Id).ExecuteUpdateAsync(s => s.SetProperty(g => g.JoinPolicy, GroupJoinPolicy.Approval)));
        var followId = await FollowAsync(open.Slug);
        await DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString() == followId);

        // As Mastodon sends a post mentioning @gf-town@host: public, the group in cc and as a Mention.
        string Create(string id, string text, string slug) => $$"""
            {"@context":"https://www.w3.org/ns/activitystreams","id":"{{remote.ActorId}}/statuses/{{id}}/activity","type":"Create","actor":"{{remote.ActorId}}",
             "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["{{remote.ActorId}}/followers","{{GroupActor(slug)}}"],
             "object":{"id":"{{remote.ActorId}}/statuses/{{id}}","type":"Note","attributedTo":"{{remote.ActorId}}","published":"2026-12-07T10:00:00Z",
               "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["{{remote.ActorId}}/followers","{{GroupActor(slug)}}"],
               "content":"<p>{{text}}</p>","tag":[{"type":"Mention","href":"{{GroupActor(slug)}}","name":"@{{slug}}@localhost"}]} }
            """;
        var inside = Guid.NewGuid().ToString("N");
        await SendAsync("/inbox", Create(inside, "hello town", open.Slug));
        var announce = await DeliveredAsync("Announce", a => a.GetProperty("object").GetProperty("id").GetString() == $"{remote.ActorId}/statuses/{inside}/activity");
        Assert.Equal(GroupActor(open.Slug), announce.GetProperty("actor").GetString());
        var kept = await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Uri == $"{remote.ActorId}/statuses/{inside}"));
        Assert.Equal(open.Id, kept.GroupId);
        Assert.Equal(Audience.Public, kept.Visibility);

        // The approval group: the Follow waits for its moderators; a post to it meanwhile is not taken.
        var requestId = await FollowAsync(closed.Slug);
        var remoteId = await RemoteAccountIdAsync();
        for (var i = 0; i < 100 && !await app.WithDbAsync(db => db.GroupMembershipRequests.AnyAsync(r => r.GroupId == closed.Id && r.AccountId == remoteId)); i++)
        {
            await RunJobsAsync();
            await Task.Delay(100);
        }
        var outside = Guid.NewGuid().ToString("N");
        await SendAsync("/inbox", Create(outside, "hello club", closed.Slug));
        await RunJobsAsync();
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.Uri == $"{remote.ActorId}/statuses/{outside}")));
        Assert.DoesNotContain(Received("Accept"), a => a.GetProperty("object").GetProperty("id").GetString() == requestId);
        await app.WithServicesAsync(s => s.GetRequiredService<GroupService>().AuthorizeRequestAsync(owner.Id, closed.Id, remoteId));
        var accepted = await DeliveredAsync("Accept", a => a.GetProperty("object").GetProperty("id").GetString() == requestId);
        Assert.Equal(GroupActor(closed.Slug), accepted.GetProperty("actor").GetString());

        // Banned from the open group: its membership goes, a new Follow is rejected, and Undo of a Follow leaves.
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<GroupService>().BanAsync(owner.Id, open.Id, remoteId);
            return true;
        });
        var refusedId = await FollowAsync(open.Slug);
        await DeliveredAsync("Reject", r => r.GetProperty("object").GetProperty("id").GetString() == refusedId);
        Assert.False(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == open.Id && m.AccountId == remoteId)));
        await SendAsync("/inbox", $$"""
            {"@context":"https://www.w3.org/ns/activitystreams","id":"{{requestId}}/undo","type":"Undo","actor":"{{remote.ActorId}}",
             "object":{"id":"{{requestId}}","type":"Follow","actor":"{{remote.ActorId}}","object":"{{GroupActor(closed.Slug)}}"} }
            """);
        for (var i = 0; i < 100 && await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == closed.Id && m.AccountId == remoteId)); i++)
        {
            await RunJobsAsync();
            await Task.Delay(100);
        }
        Assert.False(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == closed.Id && m.AccountId == remoteId)));
    }
}

public sealed class GroupFederationSqliteTests(FederationSqliteApp app) : GroupFederationTests(app), IClassFixture<FederationSqliteApp>;

public sealed class GroupFederationPostgresTests(FederationPostgresApp app) : GroupFederationTests(app), IClassFixture<FederationPostgresApp>;
