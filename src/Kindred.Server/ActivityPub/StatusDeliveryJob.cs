using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Common;
using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// Renders a changed status for its author's remote followers (and the remote accounts it mentions) and queues the
/// deliveries (ADR 102). Creates and edits read the post through <see cref="ActorQueries.StatusAsync"/>, the same
/// federated read path a signed-out fetch of the Note takes, so nothing another server could not fetch is ever sent; a
/// delete sends a Tombstone only for a post that was once readable there. A post in a public group goes out as the
/// group's <c>Announce</c> of the activity, to the group's remote followers (FEP-1b12, ADR 105); a group that is not
/// public (now) sends nothing. Registered with the web (Notes are rendered here), not by the command line.
/// </summary>
public sealed class StatusDeliveryJob(KindredDbContext db, ActorQueries queries, NoteRenderer notes, FederationOutbox outbox, LocalActors local,
    TimeProvider time) : IJobHandler
{
    public string Kind => StatusDelivery.Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var delivery = JobQueue.Read<StatusDelivery>(job);
        var status = await db.Statuses.AsNoTracking().Include(s => s.Account).FirstOrDefaultAsync(s => s.Id == delivery.StatusId, ct);
        if (status is null)
        {
            return 0;
        }
        if (status.GroupId is { } groupId)
        {
            return await GroupAsync(status, groupId, delivery, ct);
        }
        if (status.Account.Domain is not null)
        {
            return 0;
        }
        // A public event's announcement reaches peers as the Event itself (EventDeliveryJob), not as a second post.
        if (await db.Events.AnyAsync(e => e.StatusId == status.Id && e.Visibility == EventVisibility.Public && e.GroupId == null, ct))
        {
            return 0;
        }
        var author = status.Account;
        var activity = await AuthorActivityAsync(status, delivery.Change, ct);
        if (activity is null)
        {
            return 0;
        }
        // The remote accounts it mentions hear of it too, followers or not (as on Mastodon; ADR 105), and the author
        // of the remote post it answers (ADR 106).
        var recipients = await outbox.StatusRecipientsAsync(status, ct);
        recipients.AddRange(await outbox.MentionedRemoteActorsAsync(status.Id, ct));
        outbox.Deliver(author, WithContext(activity), recipients);
        await db.SaveChangesAsync(ct);
        return recipients.Count;
    }

    /// <summary>The author's own Create, Update or Delete of a local post, or null when other servers may not hear of it.</summary>
    private async Task<JsonObject?> AuthorActivityAsync(Status status, StatusChange change, CancellationToken ct)
    {
        var author = status.Account;
        var noteId = local.StatusId(author.Username, status.Id);
        if (change == StatusChange.Deleted)
        {
            var federated = await queries.StatusAsync(author.Username, status.Id, ct);
            return !federated.Gone ? null : new JsonObject
            {
                ["id"] = noteId + "#delete",
                ["type"] = "Delete",
                ["actor"] = local.AccountId(author.Username),
                ["to"] = new JsonArray(ActivityJson.Public),
                ["object"] = new JsonObject { ["id"] = noteId, ["type"] = "Tombstone" },
            };
        }
        var readable = (await queries.StatusAsync(author.Username, status.Id, ct)).Status;
        if (readable is null)
        {
            return null;
        }
        var note = (await notes.NotesAsync([readable], ct))[0];
        note.Remove("@context");
        var activity = NoteRenderer.Create(note);
        if (change == StatusChange.Edited)
        {
            activity["type"] = "Update";
            var at = (readable.EditedAt ?? time.UtcNow()).Ticks.ToString(CultureInfo.InvariantCulture);
            activity["id"] = noteId + "#updates/" + at;
            activity["published"] = IsoTime.Format(readable.EditedAt ?? time.UtcNow());
        }
        return activity;
    }

    /// <summary>The group's Announce of what happened to one of its posts (or its Add/Remove of a pin), to the group's
    /// remote followers and the remote accounts the post mentions. Only for a public group, read again now.</summary>
    private async Task<int> GroupAsync(Status status, long groupId, StatusDelivery delivery, CancellationToken ct)
    {
        var group = await queries.PublicGroupAsync(groupId, ct);
        if (group is null || status.ReblogOfId is not null || status.Visibility is not (Audience.Public or Audience.Unlisted))
        {
            return 0;
        }
        var groupActor = local.GroupId(group.Slug);
        var noteId = status.Uri ?? local.StatusId(status.Account.Username, status.Id);
        var stamp = "/" + delivery.Change.ToString().ToLowerInvariant() + "/" + time.UtcNow().Ticks.ToString(CultureInfo.InvariantCulture);
        JsonObject? activity;
        switch (delivery.Change)
        {
            case StatusChange.Pinned or StatusChange.Unpinned:
                activity = new JsonObject
                {
                    ["id"] = groupActor + "#featured/" + status.Id.ToString(CultureInfo.InvariantCulture) + stamp,
                    ["type"] = delivery.Change == StatusChange.Pinned ? "Add" : "Remove",
                    ["actor"] = groupActor,
                    ["object"] = noteId,
                    ["target"] = groupActor + "/featured",
                };
                break;
            case StatusChange.Removed:
                activity = Announce(groupActor, status.Id, stamp, new JsonObject
                {
                    ["id"] = groupActor + "#deletes/" + status.Id.ToString(CultureInfo.InvariantCulture),
                    ["type"] = "Delete",
                    ["actor"] = groupActor,
                    ["to"] = new JsonArray(ActivityJson.Public),
                    ["object"] = new JsonObject { ["id"] = noteId, ["type"] = "Tombstone" },
                });
                break;
            default:
                var inner = status.Uri is null ? await AuthorActivityAsync(status, delivery.Change, ct) : await ReceivedActivityAsync(status, delivery, ct);
                activity = inner is null ? null : Announce(groupActor, status.Id, stamp, inner);
                break;
        }
        if (activity is null)
        {
            return 0;
        }
        var recipients = await outbox.GroupFollowersAsync(group.Id, ct);
        recipients.AddRange(await outbox.MentionedRemoteActorsAsync(status.Id, ct));
        outbox.DeliverAsGroup(group, WithContext(activity), recipients);
        await db.SaveChangesAsync(ct);
        return recipients.Count;
    }

    /// <summary>A remote member's activity as its server sent it (the stored Create), or a Delete by that member.</summary>
    private async Task<JsonObject?> ReceivedActivityAsync(Status status, StatusDelivery delivery, CancellationToken ct)
    {
        var actor = await db.RemoteActors.AsNoTracking().Where(r => r.AccountId == status.AccountId).Select(r => r.ActorUri).FirstOrDefaultAsync(ct);
        if (actor is null)
        {
            return null;
        }
        if (delivery.Change == StatusChange.Deleted)
        {
            return new JsonObject
            {
                ["id"] = status.Uri + "#delete",
                ["type"] = "Delete",
                ["actor"] = actor,
                ["to"] = new JsonArray(ActivityJson.Public),
                ["object"] = new JsonObject { ["id"] = status.Uri, ["type"] = "Tombstone" },
            };
        }
        var body = delivery.ActivityId is null ? null
            : await db.InboxActivities.AsNoTracking().Where(a => a.ActivityId == delivery.ActivityId && a.Actor == actor).Select(a => a.Body).FirstOrDefaultAsync(ct);
        if (body is null || JsonNode.Parse(body) is not JsonObject received)
        {
            return null;
        }
        received.Remove("@context");
        return received;
    }

    private static JsonObject Announce(string groupActor, long statusId, string stamp, JsonObject inner) => new()
    {
        ["id"] = groupActor + "#announces/" + statusId.ToString(CultureInfo.InvariantCulture) + stamp,
        ["type"] = "Announce",
        ["actor"] = groupActor,
        ["to"] = new JsonArray(ActivityJson.Public),
        ["cc"] = new JsonArray(groupActor + "/followers"),
        ["audience"] = groupActor,
        ["object"] = inner,
    };

    private static JsonObject WithContext(JsonObject activity)
    {
        var withContext = new JsonObject { ["@context"] = ActivityJson.Context() };
        foreach (var (name, value) in activity.ToList())
        {
            activity.Remove(name);
            withContext[name] = value;
        }
        return withContext;
    }
}
