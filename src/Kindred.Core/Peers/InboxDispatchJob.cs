using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Federation;
using Kindred.Core.Groups;
using Kindred.Core.Jobs;
using Kindred.Core.Notifications;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Core.Timelines;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Peers;

/// <summary>
/// Acts on a stored inbox activity (ADR 101), once: the job is enqueued with the row, and every rule is idempotent, so
/// a job that runs again after a crash changes nothing twice. The rules (FEDERATION.md "Dispatch") go through the same
/// services the API uses. A remote account is never a member: it reaches only what <see cref="FederationOutbox.Federates"/>
/// lets out, and what it sends is stored as public, unlisted or followers-only at most, never members-only. Types
/// without a rule stay stored and are ignored.
/// </summary>
public sealed class InboxDispatchJob(KindredDbContext db, RemoteAccounts remotes, RelationshipService relationships, FederationOutbox outbox,
    HomeFeed homeFeed, Notify notify, LocalActors local, GroupService groups, TimeProvider time, EventService events) : IJobHandler
{
    public string Kind => InboxDispatch.Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var id = JobQueue.Read<InboxDispatch>(job).ActivityId;
        var row = await db.InboxActivities.AsNoTracking().FirstOrDefaultAsync(a => a.ActivityId == id, ct);
        if (row is null)
        {
            return 0;
        }
        using var document = JsonDocument.Parse(row.Body);
        var activity = document.RootElement;
        return row.Type switch
        {
            "Follow" => await FollowAsync(row, activity, ct),
            "Undo" => await UndoAsync(row, activity, ct),
            "Accept" => await AnswerAsync(row, activity, accepted: true, ct),
            "Reject" => await AnswerAsync(row, activity, accepted: false, ct),
            "Create" => await CreateAsync(row, activity, ct),
            "Update" => await UpdateAsync(row, activity, ct),
            "Delete" => await DeleteAsync(row, activity, ct),
            "Like" => await LikeAsync(row, activity, ct),
            "Announce" => await AnnounceAsync(row, activity, ct),
            "Block" => await BlockAsync(row, activity, ct),
            "Join" => await JoinAsync(row, activity, RsvpResponse.Going, ct),
            "Leave" => await JoinAsync(row, activity, RsvpResponse.NotGoing, ct),
            _ => 0,
        };
    }

    /// <summary>A local active account by its actor id; null for anything else (groups and the organization's
    /// group actors are not followable this way yet).</summary>
    private async Task<Account?> LocalAccountAsync(string? actorId, CancellationToken ct) =>
        local.UsernameOf(actorId) is { } name && name.Length <= Usernames.MaxLength
            ? await db.Accounts.Visible().FirstOrDefaultAsync(a => a.UsernameNormalized == name.ToLowerInvariant() && a.Domain == null, ct)
            : null;

    /// <summary>A public group by its actor id; null for anything else (members-only and secret groups are not actors).</summary>
    private async Task<Group?> PublicGroupAsync(string? actorId, CancellationToken ct) =>
        local.GroupSlugOf(actorId) is { } slug
            ? await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Slug == slug.ToLowerInvariant() && g.Visibility == GroupVisibility.Public, ct)
            : null;

    /// <summary>A Follow of a public group (FEP-1b12, ADR 105): a join by the group's policy, answered from the group's
    /// actor — Accept for a member, nothing yet for a request (the moderators' answer sends it), Reject when refused.</summary>
    private async Task<int> GroupFollowAsync(InboxActivity row, Group group, CancellationToken ct)
    {
        if (await remotes.ResolveAsync(row.Actor, ct) is not { } follower)
        {
            return 0;
        }
        bool accept;
        try
        {
            var relationship = await groups.JoinFromAnotherServerAsync(follower.Id, group.Id, ct);
            if (!relationship.Member)
            {
                return 1;
            }
            accept = true;
        }
        catch (KindredException)
        {
            db.ChangeTracker.Clear();
            accept = false;
        }
        await outbox.AnswerGroupFollowAsync(group, follower.Id, row.ActivityId, accept, ct);
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private async Task<int> FollowAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        if (await PublicGroupAsync(ActivityReader.Id(activity, "object"), ct) is { } group)
        {
            return await GroupFollowAsync(row, group, ct);
        }
        var target = await LocalAccountAsync(ActivityReader.Id(activity, "object"), ct);
        if (target is null || await remotes.ResolveAsync(row.Actor, ct) is not { } follower)
        {
            return 0;
        }
        try
        {
            await relationships.FollowAsync(follower.Id, target.Id, ct: ct);
        }
        catch (KindredException)
        {
            // Blocked either way or paused: refused in the words of a block.
            await outbox.AnswerFollowAsync(target, follower.Id, row.ActivityId, accept: false, ct);
            await db.SaveChangesAsync(ct);
            return 1;
        }
        // A locked account's request waits for the member's answer (the API's authorize sends the Accept then).
        if (await db.Follows.AnyAsync(f => f.AccountId == follower.Id && f.TargetAccountId == target.Id, ct))
        {
            await outbox.AnswerFollowAsync(target, follower.Id, row.ActivityId, accept: true, ct);
            await db.SaveChangesAsync(ct);
        }
        return 1;
    }

    private async Task<int> UndoAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        if (!activity.TryGetProperty("object", out var inner) || inner.ValueKind != JsonValueKind.Object
            || ActivityReader.Id(inner, "actor") != row.Actor || await RemoteAsync(row.Actor, ct) is not { } remote)
        {
            // Peers embed what they undo; an Undo naming only an id cannot be matched without storing every id.
            return 0;
        }
        switch (ActivityReader.Text(inner, "type"))
        {
            case "Follow" when await LocalAccountAsync(ActivityReader.Id(inner, "object"), ct) is { } target:
                await db.Follows.Where(f => f.AccountId == remote.Id && f.TargetAccountId == target.Id).ExecuteDeleteAsync(ct);
                await db.FollowRequests.Where(r => r.AccountId == remote.Id && r.TargetAccountId == target.Id).ExecuteDeleteAsync(ct);
                await db.Notifications.Where(n => n.AccountId == target.Id && n.FromAccountId == remote.Id && n.Type == NotificationTypes.FollowRequest)
                    .ExecuteDeleteAsync(ct);
                return 1;
            case "Follow" when await PublicGroupAsync(ActivityReader.Id(inner, "object"), ct) is { } group:
                // Unfollowing a group leaves it (or withdraws the request).
                await groups.LeaveAsync(remote.Id, group.Id, ct);
                return 1;
            case "Like" when local.StatusIdOf(ActivityReader.Id(inner, "object")) is { } statusId:
                var favourites = await db.Favourites.Where(f => f.AccountId == remote.Id && f.StatusId == statusId).ToListAsync(ct);
                db.Favourites.RemoveRange(favourites);
                await db.SaveChangesAsync(ct);
                return favourites.Count;
            case "Block" when await LocalAccountAsync(ActivityReader.Id(inner, "object"), ct) is { } blocked:
                await relationships.UnblockAsync(remote.Id, blocked.Id, ct);
                return 1;
            default:
                return 0;
        }
    }

    /// <summary>Accept or Reject of a follow a member sent: the request becomes a follow (keeping its id, which the
    /// Follow activity's id carries, so a later Undo names it), or goes.</summary>
    private async Task<int> AnswerAsync(InboxActivity row, JsonElement activity, bool accepted, CancellationToken ct)
    {
        if (await RemoteAsync(row.Actor, ct) is not { } remote)
        {
            return 0;
        }
        var follower = activity.TryGetProperty("object", out var inner) && inner.ValueKind == JsonValueKind.Object
            ? await LocalAccountAsync(ActivityReader.Id(inner, "actor"), ct)
            : null;
        var followerId = follower?.Id;
        var requests = db.FollowRequests.Where(r => r.TargetAccountId == remote.Id && (followerId == null || r.AccountId == followerId));
        if (follower is null)
        {
            // Only the Follow's id came back: it is "{member}#follows/{request id}".
            var followId = ActivityReader.Id(activity, "object") ?? "";
            var hash = followId.LastIndexOf("#follows/", StringComparison.Ordinal);
            if (hash < 0 || !long.TryParse(followId[(hash + 9)..], out var requestId) || local.UsernameOf(followId[..hash]) is null)
            {
                return 0;
            }
            requests = requests.Where(r => r.Id == requestId);
        }
        var request = await requests.FirstOrDefaultAsync(ct);
        if (!accepted)
        {
            var by = followerId ?? request?.AccountId;
            if (by is null)
            {
                return 0;
            }
            await db.FollowRequests.Where(r => r.AccountId == by && r.TargetAccountId == remote.Id).ExecuteDeleteAsync(ct);
            await db.Follows.Where(f => f.AccountId == by && f.TargetAccountId == remote.Id).ExecuteDeleteAsync(ct);
            await homeFeed.RemoveAuthorAsync(by.Value, remote.Id, ct);
            return 1;
        }
        if (request is null)
        {
            return 0;
        }
        db.FollowRequests.Remove(request);
        if (!await db.Follows.AnyAsync(f => f.AccountId == request.AccountId && f.TargetAccountId == remote.Id, ct))
        {
            db.Follows.Add(new Follow
            {
                Id = request.Id,
                AccountId = request.AccountId,
                TargetAccountId = remote.Id,
                CreatedAt = time.UtcNow(),
                ShowReblogs = request.ShowReblogs,
                Notify = request.Notify,
            });
            await homeFeed.BackfillAsync(request.AccountId, remote.Id, request.ShowReblogs, ct);
        }
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private async Task<int> CreateAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        if (!activity.TryGetProperty("object", out var note) || note.ValueKind != JsonValueKind.Object
            || ActivityReader.Text(note, "type") is not ("Note" or "Article" or "Page" or "Event")
            || ActivityReader.Id(note, "attributedTo") != row.Actor || ActivityReader.Text(note, "id") is not { } uri || !SameHost(uri, row.Actor))
        {
            return 0;
        }
        if (await db.Statuses.AnyAsync(s => s.Uri == uri, ct))
        {
            return 0;
        }
        var audience = AddressedAudience(note, row.Actor);
        var mentioned = await MentionedAsync(note, ct);
        var known = await RemoteAsync(row.Actor, ct);
        var followed = known is not null && await db.Follows.AnyAsync(f => f.TargetAccountId == known.Id && db.Accounts.Any(a => a.Id == f.AccountId && a.Domain == null), ct);
        // A post addressed to a public group (audience, to/cc or a mention of it) by one of its members goes into the
        // group (FEP-1b12, ADR 105); a non-member's, a banned account's or one to a group that is not public does not.
        var group = await AddressedGroupAsync(note, ct);
        if (group is not null && (known is null || audience is not (Audience.Public or Audience.Unlisted)
            || !await db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.AccountId == known.Id, ct)))
        {
            group = null;
        }
        // Kept only when someone here asked for it: a member follows the author or is mentioned, or the author posts
        // into a group they belong to. Direct messages from other servers are not taken yet.
        if (audience is null || (!followed && mentioned.Count == 0 && group is null))
        {
            return 0;
        }
        var author = known ?? await remotes.ResolveAsync(row.Actor, ct);
        if (author is null)
        {
            return 0;
        }
        var now = time.UtcNow();
        var content = Content(note);
        var plain = SafeHtml.PlainText(content);
        var summary = ActivityReader.Text(note, "summary") ?? "";
        Status? parent = null;
        if (ActivityReader.Id(note, "inReplyTo") is { } replyTo)
        {
            parent = local.StatusIdOf(replyTo) is { } localId
                ? await db.Statuses.AsNoTracking().FirstOrDefaultAsync(s => s.Id == localId && s.Uri == null, ct)
                : await db.Statuses.AsNoTracking().FirstOrDefaultAsync(s => s.Uri == replyTo, ct);
            // A reply never reveals a post its author may not know of; only federated parents count.
            if (parent is not null && parent.Uri is null && !FederationOutbox.Federates(parent) && (group is null || parent.GroupId != group.Id))
            {
                parent = null;
            }
        }
        // A reply in a group stays in that group; one to a post of another group (or none) is not a group post.
        if (group is not null && parent is not null && parent.GroupId != group.Id)
        {
            group = null;
        }
        var status = new Status
        {
            Id = Snowflake.NewId(now),
            AccountId = author.Id,
            Uri = uri,
            Text = plain.Length > 10_000 ? plain[..10_000] : plain,
            ContentHtml = content,
            SpoilerText = summary.Length > 2_000 ? summary[..2_000] : summary,
            Sensitive = note.TryGetProperty("sensitive", out var sensitive) && sensitive.ValueKind == JsonValueKind.True || summary.Length > 0,
            Visibility = group is null ? audience.Value : GroupPosts.Audience(group),
            InReplyToId = parent?.Id,
            InReplyToAccountId = parent?.AccountId,
            CreatedAt = now,
            GroupId = group?.Id,
        };
        foreach (var account in mentioned)
        {
            status.Mentions.Add(new StatusMention { StatusId = status.Id, AccountId = account.Id });
        }
        db.Statuses.Add(status);
        author.LastStatusAt = now;
        foreach (var account in mentioned)
        {
            await notify.AddAsync(now, NotificationTypes.Mention, account.Id, author.Id, status.Id, statusReadable: true, ct);
        }
        if (group is not null)
        {
            await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(u => u.SetProperty(g => g.LastStatusAt, now), ct);
            // The group announces it on to its other remote followers, as it was received.
            await outbox.ReceivedInGroupAsync(status, row.ActivityId, ct);
        }
        try
        {
            await db.InTransactionAsync(async () =>
            {
                await db.SaveChangesAsync(ct);
                await homeFeed.FanOutAsync(status, ct);
            }, ct);
        }
        catch (DbUpdateException)
        {
            // The same Note came through another inbox at the same moment; the unique URI kept one.
            db.ChangeTracker.Clear();
            return 0;
        }
        return 1;
    }

    private async Task<int> UpdateAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        if (!activity.TryGetProperty("object", out var note) || note.ValueKind != JsonValueKind.Object)
        {
            return 0;
        }
        if (ActivityReader.Text(note, "type") is "Person" or "Service" or "Organization" or "Application" or "Group")
        {
            // A profile update: fetched again from its own server rather than trusted as delivered.
            if (ActivityReader.Text(note, "id") == row.Actor && await RemoteAsync(row.Actor, ct) is not null)
            {
                await db.RemoteActors.Where(r => r.ActorUri == row.Actor).ExecuteUpdateAsync(s => s.SetProperty(r => r.FetchedAt, DateTime.MinValue), ct);
                await remotes.ResolveAsync(row.Actor, ct);
                return 1;
            }
            return 0;
        }
        var uri = ActivityReader.Text(note, "id");
        var author = await RemoteAsync(row.Actor, ct);
        var status = uri is null || author is null ? null : await db.Statuses.FirstOrDefaultAsync(s => s.Uri == uri && s.AccountId == author.Id && s.DeletedAt == null, ct);
        if (status is null)
        {
            return 0;
        }
        var content = Content(note);
        var plain = SafeHtml.PlainText(content);
        var summary = ActivityReader.Text(note, "summary") ?? "";
        status.ContentHtml = content;
        status.Text = plain.Length > 10_000 ? plain[..10_000] : plain;
        status.SpoilerText = summary.Length > 2_000 ? summary[..2_000] : summary;
        status.EditedAt = time.UtcNow();
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private async Task<int> DeleteAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        var target = ActivityReader.Id(activity, "object");
        if (target is null || await RemoteAsync(row.Actor, ct) is not { } remote)
        {
            return 0;
        }
        var now = time.UtcNow();
        if (target == row.Actor)
        {
            // The actor is gone: everything this server kept of it goes too, and nothing is delivered to it again.
            await db.InTransactionAsync(async () =>
            {
                await db.Statuses.Where(s => s.AccountId == remote.Id && s.DeletedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(x => x.DeletedAt, now), ct);
                await db.Follows.Where(f => f.AccountId == remote.Id || f.TargetAccountId == remote.Id).ExecuteDeleteAsync(ct);
                await db.FollowRequests.Where(f => f.AccountId == remote.Id || f.TargetAccountId == remote.Id).ExecuteDeleteAsync(ct);
                await db.Favourites.Where(f => f.AccountId == remote.Id).ExecuteDeleteAsync(ct);
                await db.Notifications.Where(n => n.FromAccountId == remote.Id).ExecuteDeleteAsync(ct);
                await db.HomeFeedEntries.Where(e => db.Statuses.Any(s => s.Id == e.StatusId && s.AccountId == remote.Id)).ExecuteDeleteAsync(ct);
                await db.RemoteActors.Where(r => r.AccountId == remote.Id).ExecuteDeleteAsync(ct);
            }, ct);
            return 1;
        }
        var status = await db.Statuses.FirstOrDefaultAsync(s => s.Uri == target && s.AccountId == remote.Id && s.DeletedAt == null, ct);
        if (status is null)
        {
            return 0;
        }
        status.DeletedAt = now;
        // A post in a public group: the group announces the author's Delete to its remote followers.
        await outbox.StatusChangedAsync(status, StatusChange.Deleted, ct);
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private async Task<int> LikeAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        if (await FederatedLocalStatusAsync(ActivityReader.Id(activity, "object"), ct) is not { } status
            || await remotes.ResolveAsync(row.Actor, ct) is not { } liker)
        {
            return 0;
        }
        if (await db.Favourites.AnyAsync(f => f.AccountId == liker.Id && f.StatusId == status.Id, ct))
        {
            return 0;
        }
        var now = time.UtcNow();
        db.Favourites.Add(new Favourite { Id = Snowflake.NewId(now), AccountId = liker.Id, StatusId = status.Id, CreatedAt = now });
        await notify.AddAsync(now, NotificationTypes.Favourite, status.AccountId, liker.Id, status.Id, ct: ct);
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private async Task<int> AnnounceAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        if (await FederatedLocalStatusAsync(ActivityReader.Id(activity, "object"), ct) is not { } status
            || await remotes.ResolveAsync(row.Actor, ct) is not { } booster)
        {
            return 0;
        }
        await notify.AddAsync(time.UtcNow(), NotificationTypes.Reblog, status.AccountId, booster.Id, status.Id, ct: ct);
        await db.SaveChangesAsync(ct);
        return 1;
    }

    private async Task<int> BlockAsync(InboxActivity row, JsonElement activity, CancellationToken ct)
    {
        if (await LocalAccountAsync(ActivityReader.Id(activity, "object"), ct) is not { } target || await remotes.ResolveAsync(row.Actor, ct) is not { } blocker)
        {
            return 0;
        }
        await relationships.BlockAsync(blocker.Id, target.Id, ct);
        return 1;
    }

    /// <summary>
    /// A remote Join (going) or Leave (not going) of a local event becomes the actor's answer, when the event is one
    /// other servers may see (public, outside groups) and open (not cancelled, an occurrence to come): the same
    /// <see cref="EventService.RsvpAsync"/> members use, so capacity and the waiting list apply. A Join is answered
    /// with Accept, or Reject when the answer is refused, as Mobilizon expects.
    /// </summary>
    private async Task<int> JoinAsync(InboxActivity row, JsonElement activity, RsvpResponse response, CancellationToken ct)
    {
        if (local.EventIdOf(ActivityReader.Id(activity, "object")) is not { } eventId)
        {
            return 0;
        }
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct);
        if (ev is null || !FederationOutbox.Federates(ev)
            || await db.Accounts.AsNoTracking().Visible().FirstOrDefaultAsync(a => a.Id == ev.OrganizerId && a.Domain == null, ct) is not { } organizer
            || await remotes.ResolveAsync(row.Actor, ct) is not { } joiner
            || await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == joiner.Id, ct) is not { } joinerActor)
        {
            return 0;
        }
        var accepted = true;
        try
        {
            await events.RsvpAsync(joiner.Id, ev.Id, new RsvpRequest(response), ct);
        }
        catch (KindredException)
        {
            // Cancelled, over, or refused: the answer does not change.
            accepted = false;
        }
        if (response == RsvpResponse.Going)
        {
            db.ChangeTracker.Clear();
            var join = new System.Text.Json.Nodes.JsonObject
            {
                ["id"] = row.ActivityId,
                ["type"] = "Join",
                ["actor"] = row.Actor,
                ["object"] = local.EventId(ev.Id),
            };
            outbox.AnswerJoin(organizer, joinerActor, join, accepted);
            await db.SaveChangesAsync(ct);
        }
        return accepted ? 1 : 0;
    }

    /// <summary>What a remote post shows, sanitized: a Note's content; an Event (Mobilizon, Gancio, another Kindred)
    /// as its name, its description and a link to its page, as Mastodon shows events.</summary>
    private static string Content(JsonElement note)
    {
        var content = ActivityReader.Text(note, "content") ?? "";
        if (ActivityReader.Text(note, "type") == "Event")
        {
            var name = System.Net.WebUtility.HtmlEncode(ActivityReader.Text(note, "name") ?? "");
            var url = ActivityReader.Id(note, "url") ?? ActivityReader.Text(note, "id") ?? "";
            var link = System.Net.WebUtility.HtmlEncode(url);
            content = $"<p><strong>{name}</strong></p>{content}<p><a href=\"{link}\">{link}</a></p>";
        }
        return SafeHtml.Clean(content);
    }

    /// <summary>A local status other servers were allowed to see, by its Note id; null for anything else.</summary>
    private async Task<Status?> FederatedLocalStatusAsync(string? noteId, CancellationToken ct)
    {
        if (local.StatusIdOf(noteId) is not { } id)
        {
            return null;
        }
        var status = await db.Statuses.AsNoTracking().Include(s => s.Account)
            .FirstOrDefaultAsync(s => s.Id == id && s.DeletedAt == null && s.Account.Domain == null, ct);
        return status is not null && FederationOutbox.Federates(status) && noteId == local.StatusId(status.Account.Username, status.Id) ? status : null;
    }

    private Task<Account?> RemoteAsync(string actorId, CancellationToken ct) =>
        db.Accounts.FirstOrDefaultAsync(a => db.RemoteActors.Any(r => r.AccountId == a.Id && r.ActorUri == actorId), ct);

    /// <summary>The public group a Note is addressed to: its <c>audience</c>, then its <c>to</c>/<c>cc</c>, then a
    /// Mention tag naming the group's actor (how Mastodon users post into a group); null when none is.</summary>
    private async Task<Group?> AddressedGroupAsync(JsonElement note, CancellationToken ct)
    {
        var candidates = new List<string>();
        if (ActivityReader.Id(note, "audience") is { } audience)
        {
            candidates.Add(audience);
        }
        candidates.AddRange(ActivityReader.Ids(note, "to"));
        candidates.AddRange(ActivityReader.Ids(note, "cc"));
        if (note.TryGetProperty("tag", out var tags) && tags.ValueKind == JsonValueKind.Array)
        {
            candidates.AddRange(tags.EnumerateArray().Where(t => ActivityReader.Text(t, "type") == "Mention").Select(t => ActivityReader.Text(t, "href")).OfType<string>());
        }
        foreach (var candidate in candidates.Where(c => local.GroupSlugOf(c) is not null).Distinct(StringComparer.Ordinal).Take(5))
        {
            if (await PublicGroupAsync(candidate, ct) is { } group)
            {
                return group;
            }
        }
        return null;
    }

    /// <summary>Local accounts a Note names in its Mention tags.</summary>
    private async Task<List<Account>> MentionedAsync(JsonElement note, CancellationToken ct)
    {
        var names = new List<string>();
        // A single tag may come as the object itself rather than a list of one (JSON-LD compaction, as Fedify sends it).
        if (note.TryGetProperty("tag", out var tags) && tags.ValueKind is JsonValueKind.Array or JsonValueKind.Object)
        {
            foreach (var tag in tags.ValueKind == JsonValueKind.Array ? [.. tags.EnumerateArray()] : new[] { tags })
            {
                if (ActivityReader.Text(tag, "type") == "Mention" && local.UsernameOf(ActivityReader.Text(tag, "href")) is { } name)
                {
                    names.Add(name.ToLowerInvariant());
                }
            }
        }
        return names.Count == 0 ? [] : await db.Accounts.Visible().Where(a => a.Domain == null && names.Contains(a.UsernameNormalized)).Take(20).ToListAsync(ct);
    }

    /// <summary>Mastodon's addressing read back: Public in <c>to</c> is public, in <c>cc</c> unlisted, the author's
    /// followers only is followers-only; anything else (a direct message) is not taken. Never members-only.</summary>
    private static Audience? AddressedAudience(JsonElement note, string actor)
    {
        var to = ActivityReader.Ids(note, "to");
        var cc = ActivityReader.Ids(note, "cc");
        if (ActivityReader.IsPublic(to))
        {
            return Audience.Public;
        }
        if (ActivityReader.IsPublic(cc))
        {
            return Audience.Unlisted;
        }
        return to.Concat(cc).Any(a => a.StartsWith(actor, StringComparison.Ordinal) && a.EndsWith("/followers", StringComparison.Ordinal))
            ? Audience.Private
            : null;
    }

    private static bool SameHost(string a, string b) =>
        Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
        && string.Equals(x.Authority, y.Authority, StringComparison.OrdinalIgnoreCase);
}
