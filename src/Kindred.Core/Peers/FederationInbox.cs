using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Peers;

/// <summary>
/// Keeps what other servers deliver (ADR 96): the raw activity, once per activity id, after its signature checked out.
/// The same SaveChanges queues the <see cref="InboxDispatchJob"/> that acts on it (ADR 101), so a stored activity is
/// always dispatched and a redelivery never is twice.
/// </summary>
public sealed class FederationInbox(KindredDbContext db, JobQueue jobs, TimeProvider time)
{
    public const int MaxBodyBytes = 256 * 1024;

    /// <returns>True when the activity was new, false when the same id was already stored (a redelivery).</returns>
    public async Task<bool> StoreAsync(string activityId, string type, string actor, string? recipient, string body, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(activityId);
        if (await db.InboxActivities.AnyAsync(a => a.ActivityId == activityId, ct))
        {
            return false;
        }
        var row = new InboxActivity
        {
            ActivityId = activityId,
            Type = type.Length > 100 ? type[..100] : type,
            Actor = actor,
            Recipient = recipient,
            Body = body,
            ReceivedAt = time.GetUtcNow().UtcDateTime,
        };
        db.InboxActivities.Add(row);
        var job = jobs.Add(InboxDispatch.Name, new InboxDispatch(activityId));
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateException)
        {
            // The same activity arrived twice at once (shared inbox and personal inbox): the unique id kept one.
            db.Entry(row).State = EntityState.Detached;
            db.Entry(job).State = EntityState.Detached;
            return false;
        }
    }
}
