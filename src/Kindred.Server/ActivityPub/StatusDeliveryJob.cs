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
/// Renders a changed status for its author's remote followers and queues the deliveries (ADR 102). Creates and edits
/// read the post through <see cref="ActorQueries.StatusAsync"/>, the same federated read path a signed-out fetch of
/// the Note takes, so nothing another server could not fetch is ever sent; a delete sends a Tombstone only for a post
/// that was once readable there. Registered with the web (Notes are rendered here), not by the command line.
/// </summary>
public sealed class StatusDeliveryJob(KindredDbContext db, ActorQueries queries, NoteRenderer notes, FederationOutbox outbox, LocalActors local,
    TimeProvider time) : IJobHandler
{
    public string Kind => StatusDelivery.Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var delivery = JobQueue.Read<StatusDelivery>(job);
        var status = await db.Statuses.AsNoTracking().Include(s => s.Account).FirstOrDefaultAsync(s => s.Id == delivery.StatusId, ct);
        if (status is null || status.Account.Domain is not null)
        {
            return 0;
        }
        // A public event's announcement reaches peers as the Event itself (EventDeliveryJob), not as a second post.
        if (await db.Events.AnyAsync(e => e.StatusId == status.Id && e.Visibility == EventVisibility.Public && e.GroupId == null, ct))
        {
            return 0;
        }
        var author = status.Account;
        var noteId = local.StatusId(author.Username, status.Id);
        JsonObject activity;
        if (delivery.Change == StatusChange.Deleted)
        {
            var federated = await queries.StatusAsync(author.Username, status.Id, ct);
            if (!federated.Gone)
            {
                return 0;
            }
            activity = new JsonObject
            {
                ["@context"] = FederationOutbox.Context,
                ["id"] = noteId + "#delete",
                ["type"] = "Delete",
                ["actor"] = local.AccountId(author.Username),
                ["to"] = new JsonArray(ActivityJson.Public),
                ["object"] = new JsonObject { ["id"] = noteId, ["type"] = "Tombstone" },
            };
        }
        else
        {
            var readable = (await queries.StatusAsync(author.Username, status.Id, ct)).Status;
            if (readable is null)
            {
                return 0;
            }
            var note = (await notes.NotesAsync([readable], ct))[0];
            activity = NoteRenderer.Create(note);
            if (delivery.Change == StatusChange.Edited)
            {
                activity["type"] = "Update";
                var at = (readable.EditedAt ?? time.UtcNow()).Ticks.ToString(CultureInfo.InvariantCulture);
                activity["id"] = noteId + "#updates/" + at;
                activity["published"] = IsoTime.Format(readable.EditedAt ?? time.UtcNow());
            }
            var withContext = new JsonObject { ["@context"] = ActivityJson.Context() };
            foreach (var (name, value) in activity.ToList())
            {
                activity.Remove(name);
                withContext[name] = value;
            }
            activity = withContext;
        }
        var recipients = await outbox.StatusRecipientsAsync(status, ct);
        outbox.Deliver(author, activity, recipients);
        await db.SaveChangesAsync(ct);
        return recipients.Count;
    }
}
