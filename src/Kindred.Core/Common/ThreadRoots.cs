using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>
/// The first post of the thread each status belongs to, found by walking reply links upwards one level per query for
/// all the statuses at once. A status not saved yet (a new reply being notified) is read from the change tracker.
/// Status mutes (ADR 78) are kept on the root, so a thread is muted whichever of its posts was muted.
/// </summary>
public static class ThreadRoots
{
    /// <summary>Deeper threads than this are cut: their deepest posts count the post this far up as their root.</summary>
    public const int MaxDepth = 200;

    public static async Task<IReadOnlyDictionary<long, long>> RootsAsync(KindredDbContext db, IReadOnlyCollection<long> statusIds, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(statusIds);
        // current[status] is the highest post reached so far; it stops moving once it has no parent.
        var current = statusIds.Distinct().ToDictionary(id => id, id => id);
        var open = current.Values.ToHashSet();
        var previous = new Dictionary<long, long>();
        for (var depth = 0; depth < MaxDepth && open.Count > 0; depth++)
        {
            var parents = new Dictionary<long, long?>();
            foreach (var local in db.Statuses.Local.Where(s => open.Contains(s.Id)))
            {
                parents[local.Id] = local.InReplyToId;
            }
            var unknown = open.Where(id => !parents.ContainsKey(id)).ToList();
            if (unknown.Count > 0)
            {
                foreach (var row in await db.Statuses.Where(s => unknown.Contains(s.Id)).Select(s => new { s.Id, s.InReplyToId }).ToListAsync(ct))
                {
                    parents[row.Id] = row.InReplyToId;
                }
            }
            var asked = open;
            open = [];
            foreach (var (start, reached) in current.ToList())
            {
                if (!asked.Contains(reached))
                {
                    continue;
                }
                if (!parents.TryGetValue(reached, out var parent))
                {
                    // A parent that no longer exists ends the walk at the post that named it.
                    current[start] = previous.GetValueOrDefault(start, start);
                }
                else if (parent is { } up && up != reached)
                {
                    previous[start] = reached;
                    current[start] = up;
                    open.Add(up);
                }
            }
        }
        return current;
    }

    public static async Task<long> RootAsync(KindredDbContext db, long statusId, CancellationToken ct = default) =>
        (await RootsAsync(db, [statusId], ct))[statusId];
}
