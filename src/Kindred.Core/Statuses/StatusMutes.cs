using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Statuses;

/// <summary>
/// Muting a conversation (Mastodon's status mute): the member hears no more of the thread a post belongs to. Only a
/// thread one takes part in can be muted — one wrote or was mentioned in one of the posts up to its start, or replied
/// to one of them — as Mastodon's documentation says. <see cref="Notifications.Notify"/> applies the mute.
/// </summary>
public sealed class StatusMutes(KindredDbContext db, TimeProvider time)
{
    /// <returns>The post muted: the original when given a boost.</returns>
    public async Task<long> MuteAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await VisibleAsync(accountId, statusId, ct);
        var chain = await ChainAsync(status, ct);
        var takesPart = await db.Statuses.AnyAsync(s => chain.Contains(s.Id) && s.AccountId == accountId, ct)
            || await db.StatusMentions.AnyAsync(m => chain.Contains(m.StatusId) && m.AccountId == accountId, ct)
            || await db.Statuses.AnyAsync(s => s.AccountId == accountId && s.DeletedAt == null && s.InReplyToId != null && chain.Contains(s.InReplyToId.Value), ct);
        if (!takesPart)
        {
            throw KindredException.Invalid("id", "You can only mute a conversation you take part in.");
        }
        var root = chain[^1];
        if (await db.StatusMutes.AnyAsync(m => m.AccountId == accountId && m.StatusId == root, ct))
        {
            return status.Id;
        }
        var now = time.UtcNow();
        db.StatusMutes.Add(new StatusMute { Id = Snowflake.NewId(now), AccountId = accountId, StatusId = root, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent mute of the same thread won; the thread is muted either way.
            db.ChangeTracker.Clear();
            if (!await db.StatusMutes.AsNoTracking().AnyAsync(m => m.AccountId == accountId && m.StatusId == root, ct))
            {
                throw;
            }
        }
        return status.Id;
    }

    public async Task<long> UnmuteAsync(long accountId, long statusId, CancellationToken ct = default)
    {
        var status = await VisibleAsync(accountId, statusId, ct);
        var root = await ThreadRoots.RootAsync(db, status.Id, ct);
        await db.StatusMutes.Where(m => m.AccountId == accountId && m.StatusId == root).ExecuteDeleteAsync(ct);
        return status.Id;
    }

    private async Task<Status> VisibleAsync(long accountId, long statusId, CancellationToken ct)
    {
        var status = await db.Statuses.VisibleTo(db, Viewer.Member(accountId)).AsNoTracking().FirstOrDefaultAsync(s => s.Id == statusId, ct)
            ?? throw KindredException.NotFound();
        if (status.ReblogOfId is { } originalId)
        {
            status = await db.Statuses.VisibleTo(db, Viewer.Member(accountId)).AsNoTracking().FirstOrDefaultAsync(s => s.Id == originalId, ct)
                ?? throw KindredException.NotFound();
        }
        return status;
    }

    /// <summary>The status and its ancestors up to the thread's first post, which comes last.</summary>
    private async Task<List<long>> ChainAsync(Status status, CancellationToken ct)
    {
        List<long> chain = [status.Id];
        var parentId = status.InReplyToId;
        while (parentId is { } id && chain.Count < ThreadRoots.MaxDepth && !chain.Contains(id))
        {
            var parent = await db.Statuses.Where(s => s.Id == id).Select(s => new { s.InReplyToId }).FirstOrDefaultAsync(ct);
            if (parent is null)
            {
                break;
            }
            chain.Add(id);
            parentId = parent.InReplyToId;
        }
        return chain;
    }
}
