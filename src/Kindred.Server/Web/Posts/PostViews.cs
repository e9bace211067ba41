using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Web.Posts;

/// <summary>Turns statuses the viewer may read into cards, in a handful of queries for the whole list.</summary>
public static class PostViews
{
    /// <param name="statuses">Already read through <see cref="StatusQueries"/>, so the viewer may see each of them.</param>
    public static async Task<IReadOnlyList<PostView>> LoadAsync(KindredDbContext db, StatusQueries queries, IReadOnlyList<Status> statuses, Viewer viewer, CancellationToken ct = default)
    {
        if (statuses.Count == 0)
        {
            return [];
        }
        // A boost shows its original, which is read through the same rule; a boost of something hidden is left out.
        var originalIds = statuses.Where(s => s.ReblogOfId is not null).Select(s => s.ReblogOfId!.Value).Distinct().ToList();
        var originals = originalIds.Count == 0 ? [] : (await queries.ManyAsync(originalIds, viewer, ct)).ToDictionary(s => s.Id);
        var shown = statuses
            .Select(s => s.ReblogOfId is { } o ? (originals.TryGetValue(o, out var original) ? (Card: original, By: s.Account, PageId: s.Id) : default) : (Card: s, By: (Kindred.Data.Entities.Account?)null, PageId: s.Id))
            .Where(x => x.Card is not null)
            .ToList();
        var ids = shown.Select(x => x.Card.Id).Distinct().ToList();
        var visible = db.Statuses.VisibleTo(db, viewer);
        var replies = await visible.Where(s => s.InReplyToId != null && ids.Contains(s.InReplyToId.Value))
            .GroupBy(s => s.InReplyToId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var boosts = await visible.Where(s => s.ReblogOfId != null && ids.Contains(s.ReblogOfId.Value))
            .GroupBy(s => s.ReblogOfId!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var favourites = await db.Favourites.Where(f => ids.Contains(f.StatusId))
            .GroupBy(f => f.StatusId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var polls = await Kindred.Core.Polls.PollQueries.ForStatusesAsync(db, ids, viewer, ct);
        var media = (await db.MediaAttachments.AsNoTracking().Where(m => m.StatusId != null && ids.Contains(m.StatusId.Value)).OrderBy(m => m.Position).ToListAsync(ct))
            .ToLookup(m => m.StatusId!.Value);
        HashSet<long> favourited = [], bookmarked = [], boosted = [];
        if (viewer.AccountId is { } me)
        {
            favourited = [.. await db.Favourites.Where(f => f.AccountId == me && ids.Contains(f.StatusId)).Select(f => f.StatusId).ToListAsync(ct)];
            bookmarked = [.. await db.Bookmarks.Where(b => b.AccountId == me && ids.Contains(b.StatusId)).Select(b => b.StatusId).ToListAsync(ct)];
            boosted = [.. await db.Statuses.Where(s => s.AccountId == me && s.DeletedAt == null && s.ReblogOfId != null && ids.Contains(s.ReblogOfId.Value)).Select(s => s.ReblogOfId!.Value).ToListAsync(ct)];
        }
        return shown.Select(x => new PostView(
            x.Card,
            x.By,
            replies.GetValueOrDefault(x.Card.Id),
            boosts.GetValueOrDefault(x.Card.Id),
            favourites.GetValueOrDefault(x.Card.Id),
            favourited.Contains(x.Card.Id),
            boosted.Contains(x.Card.Id),
            bookmarked.Contains(x.Card.Id))
        { PageId = x.PageId, Poll = polls.GetValueOrDefault(x.Card.Id), Media = media[x.Card.Id].ToList() }).ToList();
    }
}
