using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Statuses;

/// <summary>
/// What a list of statuses shows beside each one for a viewer: replies and boosts counted through the viewer's
/// visibility rule, and whether the viewer favourited, bookmarked or boosted it. Two queries for the whole list, whatever
/// its length (ADR 39); the API renderer and the web cards both use it. Favourites, counted for everyone alike, are
/// stored on the status (<see cref="Status.FavouritesCount"/>, ADR 92); replies and boosts stay counted here, because
/// who may see each one differs from viewer to viewer.
/// </summary>
public sealed class StatusCounts
{
    private readonly Dictionary<(Kind, long), int> counts;
    private readonly HashSet<(Kind, long)> flags;

    private StatusCounts(Dictionary<(Kind, long), int> counts, HashSet<(Kind, long)> flags)
    {
        this.counts = counts;
        this.flags = flags;
    }

    private enum Kind
    {
        Replies,
        Reblogs,
        Favourites,
        Bookmarks,
    }

    public int Replies(long statusId) => counts.GetValueOrDefault((Kind.Replies, statusId));

    public int Reblogs(long statusId) => counts.GetValueOrDefault((Kind.Reblogs, statusId));

    public bool Favourited(long statusId) => flags.Contains((Kind.Favourites, statusId));

    public bool Bookmarked(long statusId) => flags.Contains((Kind.Bookmarks, statusId));

    public bool Reblogged(long statusId) => flags.Contains((Kind.Reblogs, statusId));

    public static async Task<StatusCounts> LoadAsync(KindredDbContext db, IReadOnlyCollection<long> statusIds, Viewer viewer, CancellationToken ct = default)
    {
        var ids = statusIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new StatusCounts([], []);
        }
        var visible = db.Statuses.VisibleTo(db, viewer);
        var counts = (await visible.Where(s => s.InReplyToId != null && ids.Contains(s.InReplyToId.Value))
                .GroupBy(s => s.InReplyToId!.Value).Select(g => new Row { Kind = Kind.Replies, StatusId = g.Key, Count = g.Count() })
            .Concat(visible.Where(s => s.ReblogOfId != null && ids.Contains(s.ReblogOfId.Value))
                .GroupBy(s => s.ReblogOfId!.Value).Select(g => new Row { Kind = Kind.Reblogs, StatusId = g.Key, Count = g.Count() }))
            .ToListAsync(ct)).ToDictionary(r => (r.Kind, r.StatusId), r => r.Count);
        var flags = new HashSet<(Kind, long)>();
        if (viewer.AccountId is { } me)
        {
            flags = (await db.Favourites.Where(f => f.AccountId == me && ids.Contains(f.StatusId)).Select(f => new Row { Kind = Kind.Favourites, StatusId = f.StatusId })
                .Concat(db.Bookmarks.Where(b => b.AccountId == me && ids.Contains(b.StatusId)).Select(b => new Row { Kind = Kind.Bookmarks, StatusId = b.StatusId }))
                .Concat(db.Statuses.Where(s => s.AccountId == me && s.DeletedAt == null && s.ReblogOfId != null && ids.Contains(s.ReblogOfId.Value))
                    .Select(s => new Row { Kind = Kind.Reblogs, StatusId = s.ReblogOfId!.Value }))
                .ToListAsync(ct)).Select(r => (r.Kind, r.StatusId)).ToHashSet();
        }
        return new StatusCounts(counts, flags);
    }

    /// <summary>One row of the counts (or, without <see cref="Count"/>, of the viewer's flags).</summary>
    private sealed class Row
    {
        public Kind Kind { get; init; }
        public long StatusId { get; init; }
        public int Count { get; init; }
    }
}
