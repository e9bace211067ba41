using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Polls;

/// <summary>Reading polls. A poll is exactly as visible as its status (<see cref="StatusVisibility"/>); counts are
/// tallied from the votes a batch at a time.</summary>
public sealed class PollQueries(KindredDbContext db)
{
    public async Task<PollResult> GetAsync(long pollId, Viewer viewer, CancellationToken ct = default)
    {
        var statusId = await db.Polls.Where(p => p.Id == pollId).Select(p => (long?)p.StatusId).FirstOrDefaultAsync(ct);
        if (statusId is not { } id || !await db.Statuses.VisibleTo(db, viewer).AnyAsync(s => s.Id == id, ct))
        {
            throw KindredException.NotFound();
        }
        return (await ForStatusesAsync(db, [id], viewer, ct))[id];
    }

    /// <summary>The polls of statuses the caller has already read through the visibility rule, keyed by status id.</summary>
    public static async Task<IReadOnlyDictionary<long, PollResult>> ForStatusesAsync(KindredDbContext db, IReadOnlyCollection<long> statusIds, Viewer viewer, CancellationToken ct = default)
    {
        if (statusIds.Count == 0)
        {
            return new Dictionary<long, PollResult>();
        }
        var polls = await db.Polls.AsNoTracking().Include(p => p.Options).Where(p => statusIds.Contains(p.StatusId)).ToListAsync(ct);
        if (polls.Count == 0)
        {
            return new Dictionary<long, PollResult>();
        }
        var pollIds = polls.Select(p => p.Id).ToList();
        var tallies = await db.PollVotes.Where(v => pollIds.Contains(v.PollId))
            .GroupBy(v => new { v.PollId, v.Choice }).Select(g => new { g.Key.PollId, g.Key.Choice, Count = g.Count() }).ToListAsync(ct);
        // Every ballot has exactly one first choice (rank 0), so counting those counts the voters.
        var voters = await db.PollVotes.Where(v => pollIds.Contains(v.PollId) && v.Rank == 0)
            .GroupBy(v => v.PollId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var own = viewer.AccountId is { } me
            ? (await db.PollVotes.Where(v => v.AccountId == me && pollIds.Contains(v.PollId)).Select(v => new { v.PollId, v.Choice }).ToListAsync(ct))
                .ToLookup(v => v.PollId, v => v.Choice)
            : null;
        return polls.ToDictionary(p => p.StatusId, p =>
        {
            p.Options.Sort((a, b) => a.Position.CompareTo(b.Position));
            var votes = p.Options.Select(o => tallies.Where(t => t.PollId == p.Id && t.Choice == o.Position).Sum(t => t.Count)).ToList();
            IReadOnlyList<int>? mine = own is null ? null : own[p.Id].Order().ToList();
            return new PollResult(p, votes, voters.GetValueOrDefault(p.Id), mine, viewer.AccountId);
        });
    }

    /// <summary>The option titles of a saved status's poll, as JSON for its history; null without a poll.</summary>
    public async Task<string?> HistoryOptionsAsync(long statusId, CancellationToken ct)
    {
        var titles = await db.PollOptions.Where(o => db.Polls.Any(p => p.Id == o.PollId && p.StatusId == statusId))
            .OrderBy(o => o.Position).Select(o => o.Title).ToListAsync(ct);
        return titles.Count == 0 ? null : JsonSerializer.Serialize(titles);
    }
}
