using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Federation;

/// <summary>
/// What members do that other servers hear of (ADR 102). Each method adds its deliveries to the caller's unit of
/// work, so they are written by the same SaveChanges as the change itself, or not at all: one
/// <see cref="DeliveryJob"/> per inbox, a server's shared inbox once for all its accounts. Only statuses that
/// <see cref="Federates"/> ever leave: members-only, followers-only, direct, group posts (aid and safeguarding
/// content are never statuses of those kinds) stay on this server.
/// </summary>
public sealed class FederationOutbox(KindredDbContext db, JobQueue jobs, LocalActors local, TimeProvider time)
{
    public const string Context = "https://www.w3.org/ns/activitystreams";

    /// <summary>The only statuses whose existence other servers learn of: public or unlisted originals of a local
    /// account, outside any group. Everything else never federates, whatever changes.</summary>
    public static bool Federates(Status status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Visibility is Audience.Public or Audience.Unlisted && status.GroupId is null && status.ReblogOfId is null && status.Uri is null;
    }

    /// <summary>The only events other servers learn of (ADR 106): public ones outside any group. Members-only and
    /// group events never federate, whatever changes.</summary>
    public static bool Federates(Event ev)
    {
        ArgumentNullException.ThrowIfNull(ev);
        return ev.Visibility == EventVisibility.Public && ev.GroupId is null;
    }

    /// <summary>Queues the rendering and delivery of an event's creation, change (a cancellation is a change) or
    /// withdrawal to the organizer's remote followers (<see cref="EventDelivery"/>). <paramref name="wasFederated"/>
    /// says whether peers knew it before the change: an event that stops being public is withdrawn (Delete) from them,
    /// one they never knew stays unknown.</summary>
    public async Task EventChangedAsync(Event ev, bool wasFederated, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ev);
        var change = Federates(ev) ? (wasFederated ? StatusChange.Edited : StatusChange.Created) : StatusChange.Deleted;
        if ((change == StatusChange.Deleted && !wasFederated) || !await HasRemoteFollowersAsync(ev.OrganizerId, ct))
        {
            return;
        }
        jobs.Add(EventDelivery.Name, new EventDelivery(ev.Id, change));
    }

    /// <summary>Answers a remote Join of an event: Accept (or Reject) with the Join as the remote server sent it, from
    /// the organizer, as Mobilizon answers participations.</summary>
    public void AnswerJoin(Account organizer, RemoteActor joiner, JsonObject join, bool accept)
    {
        ArgumentNullException.ThrowIfNull(organizer);
        ArgumentNullException.ThrowIfNull(joiner);
        ArgumentNullException.ThrowIfNull(join);
        var id = local.AccountId(organizer.Username) + "#" + (accept ? "accepts" : "rejects") + "/joins/" + Snowflake.NewId(time.UtcNow()).ToString(CultureInfo.InvariantCulture);
        Deliver(organizer, Wrap(accept ? "Accept" : "Reject", organizer, id, join), [joiner]);
    }

    /// <summary>Whether the account has followers on other servers (nothing to deliver otherwise).</summary>
    public Task<bool> HasRemoteFollowersAsync(long accountId, CancellationToken ct) =>
        db.Follows.AnyAsync(f => f.TargetAccountId == accountId && db.RemoteActors.Any(r => r.AccountId == f.AccountId), ct);

    /// <summary>Queues the rendering and delivery of a status's creation, edit or deletion to the author's remote
    /// followers and the remote accounts it mentions (<see cref="StatusDelivery"/>); nothing for a status that does
    /// not federate.</summary>
    public Task StatusChangedAsync(Status status, StatusChange change, CancellationToken ct) => QueueStatusAsync(status, change, null, ct);

    /// <summary>A remote member's post taken into a public group: the group announces the activity it came in.</summary>
    public Task ReceivedInGroupAsync(Status status, string activityId, CancellationToken ct) => QueueStatusAsync(status, StatusChange.Created, activityId, ct);

    private async Task QueueStatusAsync(Status status, StatusChange change, string? activityId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.GroupId is { } groupId)
        {
            // A post in a public group is distributed by the group's actor to its remote followers (FEP-1b12, ADR 105).
            if (await FederatesInGroupAsync(status, ct) && await db.RemoteActors.AnyAsync(r => db.GroupMemberships.Any(m => m.GroupId == groupId && m.AccountId == r.AccountId), ct))
            {
                jobs.Add(StatusDelivery.Name, new StatusDelivery(status.Id, change, activityId));
            }
            return;
        }
        if (!Federates(status))
        {
            return;
        }
        // The mentions of a new post are not saved yet: the ones in memory are the post's.
        var mentioned = status.Mentions.Select(m => m.AccountId).ToList();
        if (!await HasRemoteFollowersAsync(status.AccountId, ct) && !(mentioned.Count > 0 && await db.RemoteActors.AnyAsync(r => mentioned.Contains(r.AccountId), ct))
            && !await RepliesToRemoteAsync(status, ct))
        {
            return;
        }
        jobs.Add(StatusDelivery.Name, new StatusDelivery(status.Id, change));
    }

    /// <summary>Whether a group post is distributed by its group (FEP-1b12): a public or unlisted original, local or
    /// taken from another server, in a <b>public</b> group. Members-only and secret groups never federate anything.</summary>
    public async Task<bool> FederatesInGroupAsync(Status status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.GroupId is { } groupId && status.Visibility is Audience.Public or Audience.Unlisted && status.ReblogOfId is null
            && await db.Groups.AnyAsync(g => g.Id == groupId && g.Visibility == GroupVisibility.Public, ct);
    }

    /// <summary>The remote followers of a group (remote accounts that joined it by a Follow), as actor rows.</summary>
    public Task<List<RemoteActor>> GroupFollowersAsync(long groupId, CancellationToken ct) =>
        db.RemoteActors.AsNoTracking().Where(r => db.GroupMemberships.Any(m => m.GroupId == groupId && m.AccountId == r.AccountId)).ToListAsync(ct);

    /// <summary>Answers a remote Follow of a public group: Accept (or Reject) from the group's actor, with the Follow as
    /// the remote server sent it (the last one stored when <paramref name="followId"/> is null).</summary>
    public async Task AnswerGroupFollowAsync(Group group, long followerId, string? followId, bool accept, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(group);
        var follower = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == followerId, ct);
        if (follower is null || group.Visibility != GroupVisibility.Public)
        {
            return;
        }
        var groupId = local.GroupId(group.Slug);
        followId ??= await db.InboxActivities.AsNoTracking().Where(a => a.Actor == follower.ActorUri && a.Type == "Follow" && a.Body.Contains(groupId))
            .OrderByDescending(a => a.Id).Select(a => a.ActivityId).FirstOrDefaultAsync(ct) ?? follower.ActorUri + "#follow";
        var follow = new JsonObject { ["id"] = followId, ["type"] = "Follow", ["actor"] = follower.ActorUri, ["object"] = groupId };
        var id = groupId + "#" + (accept ? "accepts" : "rejects") + "/follows/" + Snowflake.NewId(time.UtcNow()).ToString(CultureInfo.InvariantCulture);
        DeliverAsGroup(group, Context1(new JsonObject { ["id"] = id, ["type"] = accept ? "Accept" : "Reject", ["actor"] = groupId, ["object"] = follow }), [follower]);
    }

    /// <summary>Queues <paramref name="activity"/> from a public group's actor (signed with the group's key) for each
    /// distinct inbox of <paramref name="recipients"/>.</summary>
    public void DeliverAsGroup(Group group, JsonObject activity, IEnumerable<RemoteActor> recipients)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(recipients);
        if (group.Visibility != GroupVisibility.Public)
        {
            return;
        }
        var body = activity.ToJsonString();
        var now = time.UtcNow();
        foreach (var inbox in recipients.Select(r => r.SharedInbox ?? r.Inbox).Distinct(StringComparer.Ordinal))
        {
            jobs.Add(DeliveryJob.Name, new Delivery(group.Slug, group.Id, inbox, body, 0, now, AsGroup: true));
        }
    }

    /// <summary>The remote accounts a status mentions, as actor rows (they receive it even when they do not follow).</summary>
    public Task<List<RemoteActor>> MentionedRemoteActorsAsync(long statusId, CancellationToken ct) =>
        db.RemoteActors.AsNoTracking().Where(r => db.StatusMentions.Any(m => m.StatusId == statusId && m.AccountId == r.AccountId)).ToListAsync(ct);

    /// <summary>A member's block (or its withdrawal) of a remote account: Block (or Undo of it) to that account, as
    /// Mastodon sends it, so its server can hide the member's posts from it. The Block's id carries the block's id,
    /// so the Undo names the same Block. Nothing when the blocker is remote (a Block received) or the target local.</summary>
    public async Task BlockAsync(Account blocker, long targetId, long blockId, bool undo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(blocker);
        if (blocker.Domain is not null)
        {
            return;
        }
        var target = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == targetId, ct);
        if (target is null)
        {
            return;
        }
        var block = Context1(new JsonObject
        {
            ["id"] = local.AccountId(blocker.Username) + "#blocks/" + blockId.ToString(CultureInfo.InvariantCulture),
            ["type"] = "Block",
            ["actor"] = local.AccountId(blocker.Username),
            ["object"] = target.ActorUri,
        });
        Deliver(blocker, undo ? Wrap("Undo", blocker, block["id"]!.GetValue<string>() + "/undo", block) : block, [target]);
    }

    /// <summary>Queues an <c>Update</c> of a member's actor to its remote followers (<see cref="ProfileDelivery"/>),
    /// rendered when sent so it says what the actor document says then; nothing without remote followers.</summary>
    public async Task ProfileChangedAsync(Account account, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Domain is null && await HasRemoteFollowersAsync(account.Id, ct))
        {
            jobs.Add(ProfileDelivery.Name, new ProfileDelivery(account.Id, time.UtcNow().Ticks));
        }
    }

    /// <summary>A follow request from <paramref name="follower"/> (local) to a remote account.</summary>
    public async Task FollowAsync(Account follower, FollowRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(follower);
        ArgumentNullException.ThrowIfNull(request);
        var target = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == request.TargetAccountId, ct);
        if (target is not null)
        {
            Deliver(follower, FollowActivity(follower, request.Id, target.ActorUri), [target]);
        }
    }

    /// <summary>Withdraws a follow (or request) of a remote account: Undo of the Follow, whose id was the request's
    /// (kept by the follow it became).</summary>
    public async Task UnfollowAsync(Account follower, long targetId, long followId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(follower);
        var target = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == targetId, ct);
        if (target is null)
        {
            return;
        }
        var follow = FollowActivity(follower, followId, target.ActorUri);
        Deliver(follower, Wrap("Undo", follower, follow["id"]!.GetValue<string>() + "/undo", follow), [target]);
    }

    /// <summary>Answers a remote Follow: Accept (or Reject) with the Follow as the remote server sent it.</summary>
    public async Task AnswerFollowAsync(Account followed, long followerId, string followId, bool accept, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(followed);
        var follower = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == followerId, ct);
        if (follower is null)
        {
            return;
        }
        var follow = new JsonObject { ["id"] = followId, ["type"] = "Follow", ["actor"] = follower.ActorUri, ["object"] = local.AccountId(followed.Username) };
        var id = local.AccountId(followed.Username) + "#" + (accept ? "accepts" : "rejects") + "/follows/" + Snowflake.NewId(time.UtcNow()).ToString(CultureInfo.InvariantCulture);
        Deliver(followed, Wrap(accept ? "Accept" : "Reject", followed, id, follow), [follower]);
    }

    /// <summary>A favourite (or its withdrawal) of a remote status: Like (or Undo of it) to the status's author.</summary>
    public async Task LikeAsync(Account liker, Status status, bool undo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(liker);
        ArgumentNullException.ThrowIfNull(status);
        if (status.Uri is null)
        {
            return;
        }
        var author = await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == status.AccountId, ct);
        if (author is null)
        {
            return;
        }
        var like = new JsonObject
        {
            ["id"] = local.AccountId(liker.Username) + "#likes/" + status.Id.ToString(CultureInfo.InvariantCulture),
            ["type"] = "Like",
            ["actor"] = local.AccountId(liker.Username),
            ["object"] = status.Uri,
        };
        Deliver(liker, undo ? Wrap("Undo", liker, like["id"]!.GetValue<string>() + "/undo", like) : Context1(like), [author]);
    }

    /// <summary>A boost (or its withdrawal) of a remote public status: Announce (or Undo of it) to the author and to
    /// the booster's remote followers.</summary>
    public async Task AnnounceAsync(Account booster, Status original, long boostId, bool undo, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(booster);
        ArgumentNullException.ThrowIfNull(original);
        var objectId = original.Uri ?? (Federates(original) ? local.StatusId(await UsernameAsync(original.AccountId, ct), original.Id) : null);
        if (objectId is null || original.Visibility is not (Audience.Public or Audience.Unlisted) || original.GroupId is not null)
        {
            return;
        }
        var actor = local.AccountId(booster.Username);
        var announce = new JsonObject
        {
            ["id"] = local.StatusId(booster.Username, boostId) + "/activity",
            ["type"] = "Announce",
            ["actor"] = actor,
            ["published"] = IsoTime.Format(time.UtcNow()),
            ["to"] = new JsonArray(ActivityReader.Public),
            ["cc"] = new JsonArray(actor + "/followers"),
            ["object"] = objectId,
        };
        var recipients = await RemoteFollowersAsync(booster.Id, ct);
        if (original.Uri is not null && await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == original.AccountId, ct) is { } author)
        {
            recipients.Add(author);
        }
        Deliver(booster, undo ? Wrap("Undo", booster, announce["id"]!.GetValue<string>() + "/undo", announce) : Context1(announce), recipients);
    }

    /// <summary>Who hears of a federating status: the author's remote followers and, for a reply to another server's
    /// post, that post's author (who is mentioned in it).</summary>
    public async Task<List<RemoteActor>> StatusRecipientsAsync(Status status, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(status);
        var recipients = await RemoteFollowersAsync(status.AccountId, ct);
        if (status.InReplyToAccountId is { } parentAuthor
            && await db.RemoteActors.AsNoTracking().FirstOrDefaultAsync(r => r.AccountId == parentAuthor, ct) is { } remote
            && recipients.All(r => r.AccountId != remote.AccountId))
        {
            recipients.Add(remote);
        }
        return recipients;
    }

    private Task<bool> RepliesToRemoteAsync(Status status, CancellationToken ct) =>
        status.InReplyToAccountId is { } parentAuthor ? db.RemoteActors.AnyAsync(r => r.AccountId == parentAuthor, ct) : Task.FromResult(false);

    /// <summary>The remote followers of an account, as actor rows.</summary>
    public Task<List<RemoteActor>> RemoteFollowersAsync(long accountId, CancellationToken ct) =>
        db.RemoteActors.AsNoTracking().Where(r => db.Follows.Any(f => f.TargetAccountId == accountId && f.AccountId == r.AccountId)).ToListAsync(ct);

    /// <summary>Queues <paramref name="activity"/> for each distinct inbox of <paramref name="recipients"/>: a
    /// server's shared inbox once for all its accounts, else each account's own.</summary>
    public void Deliver(Account from, JsonObject activity, IEnumerable<RemoteActor> recipients)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(activity);
        ArgumentNullException.ThrowIfNull(recipients);
        var body = activity.ToJsonString();
        var now = time.UtcNow();
        foreach (var inbox in recipients.Select(r => r.SharedInbox ?? r.Inbox).Distinct(StringComparer.Ordinal))
        {
            jobs.Add(DeliveryJob.Name, new Delivery(from.Username, from.Id, inbox, body, 0, now));
        }
    }

    private async Task<string> UsernameAsync(long accountId, CancellationToken ct) =>
        await db.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Username).FirstAsync(ct);

    private JsonObject FollowActivity(Account follower, long id, string targetActor) => Context1(new JsonObject
    {
        ["id"] = local.AccountId(follower.Username) + "#follows/" + id.ToString(CultureInfo.InvariantCulture),
        ["type"] = "Follow",
        ["actor"] = local.AccountId(follower.Username),
        ["object"] = targetActor,
    });

    private JsonObject Wrap(string type, Account actor, string id, JsonObject inner)
    {
        inner.Remove("@context");
        return Context1(new JsonObject { ["id"] = id, ["type"] = type, ["actor"] = local.AccountId(actor.Username), ["object"] = inner });
    }

    private static JsonObject Context1(JsonObject activity)
    {
        if (!activity.ContainsKey("@context"))
        {
            var copy = new JsonObject { ["@context"] = Context };
            foreach (var (name, value) in activity.ToList())
            {
                activity.Remove(name);
                copy[name] = value;
            }
            return copy;
        }
        return activity;
    }
}
