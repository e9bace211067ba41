using System.Globalization;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Notifications;

/// <summary>
/// Grouped notifications (Mastodon's /api/v2/notifications, ADR 79) over the same shown notifications as the v1 list
/// (<see cref="NotificationQueries.ShownAsync"/>), so every visibility rule and the policy apply unchanged.
/// </summary>
public sealed class NotificationGroupQueries(KindredDbContext db, NotificationQueries queries)
{
    /// <summary>Mastodon's SAMPLE_ACCOUNTS_SIZE.</summary>
    public const int SampleSize = 8;
    public const int MaxAccounts = 80;
    private const int WalkBatch = 200;

    /// <summary>At most this many notifications are read for a page's samples; counts stay exact beyond it.</summary>
    private const int SampleReadCap = 5_000;

    /// <summary>
    /// A page of groups: walks the notifications in id order and keeps the first <see cref="Page.Limit"/> distinct
    /// group keys (as Mastodon's paginate_groups does), each shown by its newest notification within the walk.
    /// </summary>
    public async Task<IReadOnlyList<GroupedNotification>> ListAsync(long accountId, NotificationFilter filter, IReadOnlyCollection<string> groupedTypes, Page page, CancellationToken ct = default)
    {
        var shown = await queries.ShownAsync(accountId, ct, filter.IncludeFiltered);
        var rows = NotificationQueries.Narrow(shown, filter);
        if (page.MaxId is { } max)
        {
            rows = rows.Where(n => n.Id < max);
        }
        if (page.SinceId is { } since)
        {
            rows = rows.Where(n => n.Id > since);
        }
        var ascending = page.MinId is not null;
        if (page.MinId is { } min)
        {
            rows = rows.Where(n => n.Id > min);
        }
        var limit = Math.Clamp(page.Limit, 1, NotificationQueries.MaxLimit);
        var newest = new Dictionary<string, long>();
        long? cursor = null;
        var full = false;
        while (!full)
        {
            var batchQuery = rows;
            if (cursor is { } c)
            {
                batchQuery = ascending ? batchQuery.Where(n => n.Id > c) : batchQuery.Where(n => n.Id < c);
            }
            var batch = await (ascending ? batchQuery.OrderBy(n => n.Id) : batchQuery.OrderByDescending(n => n.Id))
                .Take(WalkBatch).Select(n => new { n.Id, n.Type, n.GroupKey }).ToListAsync(ct);
            foreach (var n in batch)
            {
                var key = NotificationGroups.WireKey(n.Id, n.Type, n.GroupKey, groupedTypes);
                if (newest.TryGetValue(key, out var seen))
                {
                    newest[key] = Math.Max(seen, n.Id);
                }
                else if (newest.Count == limit)
                {
                    full = true;
                    break;
                }
                else
                {
                    newest[key] = n.Id;
                }
            }
            if (batch.Count < WalkBatch)
            {
                break;
            }
            cursor = batch[^1].Id;
        }
        if (newest.Count == 0)
        {
            return [];
        }
        var ids = newest.Values.ToList();
        var representatives = await shown.Where(n => ids.Contains(n.Id)).OrderByDescending(n => n.Id).ToListAsync(ct);
        return await GroupAsync(shown, representatives, groupedTypes, representatives[^1].Id, representatives[0].Id, ct);
    }

    /// <summary>One group by its key ("ungrouped-{id}" for one notification), without page bounds.</summary>
    public async Task<GroupedNotification> GetAsync(long accountId, string key, CancellationToken ct = default)
    {
        var shown = await queries.ShownAsync(accountId, ct);
        var newest = await OfKey(shown, key).OrderByDescending(n => n.Id).FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        string[] types = key.StartsWith(NotificationGroups.UngroupedPrefix, StringComparison.Ordinal) ? [] : NotificationGroups.Groupable;
        var group = (await GroupAsync(shown, [newest], types, 0, long.MaxValue, ct))[0];
        return group with { PageMinId = null, PageMaxId = null, LatestPageNotificationAt = null };
    }

    /// <summary>The senders of a group, newest first, at most <see cref="MaxAccounts"/>.</summary>
    public async Task<IReadOnlyList<long>> AccountIdsAsync(long accountId, string key, CancellationToken ct = default)
    {
        var senders = await OfKey(await queries.ShownAsync(accountId, ct), key).OrderByDescending(n => n.Id)
            .Select(n => n.FromAccountId).Take(MaxAccounts * 4).ToListAsync(ct);
        return senders.Count == 0 ? throw KindredException.NotFound() : senders.Distinct().Take(MaxAccounts).ToList();
    }

    /// <summary>How many groups hold notifications newer than the notifications marker, counted up to <paramref name="limit"/>.</summary>
    public async Task<int> UnreadCountAsync(long accountId, NotificationFilter filter, IReadOnlyCollection<string> groupedTypes, int limit, CancellationToken ct = default)
    {
        var lastRead = await db.Markers.Where(m => m.AccountId == accountId && m.Timeline == "notifications").Select(m => (long?)m.LastReadId).FirstOrDefaultAsync(ct) ?? 0;
        var cap = Math.Clamp(limit, 1, NotificationQueries.MaxCountLimit);
        var unread = NotificationQueries.Narrow(await queries.ShownAsync(accountId, ct), filter).Where(n => n.Id > lastRead);
        var types = groupedTypes.ToList();
        var alone = await unread.Where(n => n.GroupKey == null || !types.Contains(n.Type)).Take(cap).CountAsync(ct);
        var groups = await unread.Where(n => n.GroupKey != null && types.Contains(n.Type)).Select(n => n.GroupKey).Distinct().Take(cap).CountAsync(ct);
        return Math.Min(cap, alone + groups);
    }

    /// <summary>The notifications a wire key stands for; none for a key that is neither.</summary>
    public static IQueryable<Notification> OfKey(IQueryable<Notification> notifications, string key)
    {
        if (key.StartsWith(NotificationGroups.UngroupedPrefix, StringComparison.Ordinal))
        {
            return long.TryParse(key.AsSpan(NotificationGroups.UngroupedPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? notifications.Where(n => n.Id == id) : notifications.Where(n => false);
        }
        return notifications.Where(n => n.GroupKey == key);
    }

    /// <summary>
    /// Counts, samples and page bounds for the grouped representatives in one query each (no query per group): counts and
    /// bounds by GROUP BY, the newest senders by a window over the group key.
    /// </summary>
    private static async Task<IReadOnlyList<GroupedNotification>> GroupAsync(IQueryable<Notification> shown, IReadOnlyList<Notification> representatives,
        IReadOnlyCollection<string> groupedTypes, long begin, long end, CancellationToken ct)
    {
        var keys = representatives.Where(n => n.GroupKey is not null && groupedTypes.Contains(n.Type)).Select(n => n.GroupKey!).Distinct().ToList();
        var members = shown.Where(n => n.GroupKey != null && keys.Contains(n.GroupKey) && n.Id <= end);
        var stats = keys.Count == 0 ? [] : await members.GroupBy(n => n.GroupKey!)
            .Select(g => new { g.Key, Count = g.Count(), PageMin = g.Min(n => n.Id >= begin ? (long?)n.Id : null) })
            .ToListAsync(ct);
        // The newest senders of each group, read newest first in one query until every group has its sample (SQLite
        // cannot run a per-group TAKE over these correlated filters), and never more than SampleReadCap rows.
        var samplesByKey = new Dictionary<string, List<(long Id, long From)>>();
        if (keys.Count > 0)
        {
            var read = 0;
            await foreach (var row in members.OrderByDescending(n => n.Id).Select(n => new { Key = n.GroupKey!, n.Id, n.FromAccountId }).AsAsyncEnumerable().WithCancellation(ct))
            {
                if (!samplesByKey.TryGetValue(row.Key, out var sample))
                {
                    samplesByKey[row.Key] = sample = [];
                }
                if (sample.Count < SampleSize)
                {
                    sample.Add((row.Id, row.FromAccountId));
                }
                if (++read >= SampleReadCap || (samplesByKey.Count == keys.Count && samplesByKey.Values.All(l => l.Count == SampleSize)))
                {
                    break;
                }
            }
        }
        var statsByKey = stats.ToDictionary(s => s.Key);
        return representatives.Select(n =>
        {
            var key = NotificationGroups.WireKey(n.Id, n.Type, n.GroupKey, groupedTypes);
            if (n.GroupKey is null || key != n.GroupKey || !statsByKey.TryGetValue(key, out var stat) || !samplesByKey.TryGetValue(key, out var sample))
            {
                return new GroupedNotification(n, key, 1, [n.FromAccountId], n.Id, n.Id, n.CreatedAt);
            }
            return new GroupedNotification(n, key, stat.Count, sample.Select(s => s.From).Distinct().ToList(),
                stat.PageMin ?? n.Id, n.Id, n.CreatedAt);
        }).ToList();
    }
}
