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
/// Renders a changed public event for its organizer's remote followers and queues the deliveries (ADR 106): Create,
/// Update (a cancellation too) or Delete of the <c>Event</c>. Creates and updates read the event through
/// <see cref="FederatedEvents"/>, the same read path a peer's fetch of the event's address takes, so nothing a peer
/// could not fetch is ever sent; an event that is no longer readable there is withdrawn with a Tombstone.
/// </summary>
public sealed class EventDeliveryJob(KindredDbContext db, FederatedEvents events, EventObjectRenderer renderer, FederationOutbox outbox, LocalActors local,
    TimeProvider time) : IJobHandler
{
    public string Kind => EventDelivery.Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var delivery = JobQueue.Read<EventDelivery>(job);
        var ev = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == delivery.EventId, ct);
        var organizer = ev is null ? null : await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == ev.OrganizerId && a.Domain == null, ct);
        if (ev is null || organizer is null)
        {
            return 0;
        }
        var id = renderer.EventId(ev.Id);
        var actor = local.AccountId(organizer.Username);
        var readable = delivery.Change == StatusChange.Deleted ? null : await events.EventAsync(ev.Id, ct);
        JsonObject activity;
        if (readable is null)
        {
            if (delivery.Change != StatusChange.Deleted)
            {
                // No longer public since the job was queued: the later change's own job withdraws it.
                return 0;
            }
            activity = new JsonObject
            {
                ["@context"] = FederationOutbox.Context,
                ["id"] = id + "#delete/" + time.UtcNow().Ticks.ToString(CultureInfo.InvariantCulture),
                ["type"] = "Delete",
                ["actor"] = actor,
                ["to"] = new JsonArray(ActivityJson.Public),
                ["object"] = new JsonObject { ["id"] = id, ["type"] = "Tombstone" },
            };
        }
        else
        {
            var document = renderer.Event(readable);
            var context = document["@context"]!.DeepClone();
            document.Remove("@context");
            var created = delivery.Change == StatusChange.Created;
            activity = new JsonObject
            {
                ["@context"] = context,
                ["id"] = created ? id + "/activity" : id + "#updates/" + ev.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture),
                ["type"] = created ? "Create" : "Update",
                ["actor"] = actor,
                ["published"] = document["updated"]!.DeepClone(),
                ["to"] = document["to"]!.DeepClone(),
                ["cc"] = document["cc"]!.DeepClone(),
                ["object"] = document,
            };
        }
        var followers = await outbox.RemoteFollowersAsync(organizer.Id, ct);
        outbox.Deliver(organizer, activity, followers);
        await db.SaveChangesAsync(ct);
        return followers.Count;
    }
}
