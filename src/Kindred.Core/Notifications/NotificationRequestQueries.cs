using Kindred.Core.Common;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>
/// The member's notification requests (ADR 79): their held-back notifications per sender, under the same visibility
/// rules as the list, so a blocked, suspended or no longer visible sender neither shows nor counts.
/// </summary>
public sealed class NotificationRequestQueries(NotificationQueries queries)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;

    /// <summary>Mastodon's MAX_MEANINGFUL_COUNT for the policy summary.</summary>
    public const int SummaryCap = 100;

    public async Task<IReadOnlyList<NotificationRequest>> ListAsync(long accountId, Page page, CancellationToken ct = default)
    {
        var filtered = await FilteredAsync(accountId, ct);
        if (page.MaxId is { } max)
        {
            filtered = filtered.Where(n => n.FromAccountId < max);
        }
        if (page.SinceId is { } since)
        {
            filtered = filtered.Where(n => n.FromAccountId > since);
        }
        if (page.MinId is { } min)
        {
            filtered = filtered.Where(n => n.FromAccountId > min);
        }
        var limit = Math.Clamp(page.Limit, 1, MaxLimit);
        var grouped = filtered.GroupBy(n => n.FromAccountId)
            .Select(g => new { From = g.Key, Count = g.Count(), First = g.Min(n => n.CreatedAt), Last = g.Max(n => n.CreatedAt), LastStatusId = g.Max(n => n.StatusId) });
        var rows = page.MinId is null
            ? await grouped.OrderByDescending(r => r.From).Take(limit).ToListAsync(ct)
            : (await grouped.OrderBy(r => r.From).Take(limit).ToListAsync(ct)).AsEnumerable().Reverse().ToList();
        return rows.Select(r => new NotificationRequest(r.From, r.Count, r.First, r.Last, r.LastStatusId)).ToList();
    }

    public async Task<NotificationRequest> GetAsync(long accountId, long fromAccountId, CancellationToken ct = default) =>
        await ListAsync(accountId, new Page(fromAccountId + 1, fromAccountId - 1, null, 1), ct) is [var request] ? request : throw KindredException.NotFound();

    /// <summary>Pending requests and their notifications, each counted up to <see cref="SummaryCap"/>.</summary>
    public async Task<(int Requests, int Notifications)> SummaryAsync(long accountId, CancellationToken ct = default)
    {
        var filtered = await FilteredAsync(accountId, ct);
        var requests = await filtered.Select(n => n.FromAccountId).Distinct().Take(SummaryCap).CountAsync(ct);
        var notifications = await filtered.Take(SummaryCap).CountAsync(ct);
        return (requests, notifications);
    }

    /// <summary>The senders among <paramref name="fromAccountIds"/> with a pending request the member may see.</summary>
    public async Task<IReadOnlyList<long>> PendingAmongAsync(long accountId, IReadOnlyCollection<long> fromAccountIds, CancellationToken ct = default)
    {
        var wanted = fromAccountIds.ToList();
        return await (await FilteredAsync(accountId, ct)).Where(n => wanted.Contains(n.FromAccountId)).Select(n => n.FromAccountId).Distinct().ToListAsync(ct);
    }

    private async Task<IQueryable<Data.Entities.Notification>> FilteredAsync(long accountId, CancellationToken ct) =>
        (await queries.ShownAsync(accountId, ct, includeFiltered: true)).Where(n => n.Filtered);
}
