using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Tags;

/// <summary>
/// Reads hashtags for the API (ADR 80): one tag with its history and whether the viewer follows it, the tags a member
/// follows, the tags a member features with counts over what the viewer may read, and suggestions to feature. History
/// counts only public statuses anyone may read, so a count never tells of a post its reader could not see.
/// </summary>
public sealed class TagQueries(KindredDbContext db, TimeProvider time)
{
    /// <summary>Days of history, as Mastodon shows.</summary>
    public const int HistoryDays = 7;

    public const int DefaultFollowedLimit = 100;
    public const int MaxFollowedLimit = 200;

    /// <summary>One tag by name (normalized as everywhere, ADR 80); a valid name nobody used yet answers with no stored tag.</summary>
    public async Task<TagView> GetAsync(string name, long? viewerId, CancellationToken ct = default)
    {
        var normalized = TagNames.Normalize(name);
        if (normalized.Length == 0)
        {
            throw KindredException.NotFound();
        }
        var tag = await db.Tags.AsNoTracking().FirstOrDefaultAsync(t => t.Name == normalized, ct);
        if (tag is null)
        {
            var display = name.Trim().TrimStart('#');
            return new TagView(null, normalized, TagNames.Normalize(display) == normalized ? display : normalized, viewerId is null ? null : false, EmptyHistory());
        }
        return (await RenderAsync([tag], viewerId, ct))[0];
    }

    /// <summary>The tags, in order, with history and the viewer's following.</summary>
    public async Task<IReadOnlyList<TagView>> RenderAsync(IReadOnlyList<Tag> tags, long? viewerId, CancellationToken ct = default)
    {
        var ids = tags.Select(t => t.Id).ToList();
        var history = await HistoryAsync(ids, ct);
        HashSet<long>? followed = null;
        if (viewerId is { } viewer)
        {
            followed = (await db.TagFollows.Where(f => f.AccountId == viewer && ids.Contains(f.TagId)).Select(f => f.TagId).ToListAsync(ct)).ToHashSet();
        }
        return tags.Select(t => new TagView(t, t.Name, t.Display, followed?.Contains(t.Id), history[t.Id])).ToList();
    }

    /// <summary>The tags a member follows, newest follow first, paged by the follow's id.</summary>
    public async Task<IReadOnlyList<TagFollow>> FollowedAsync(long accountId, Page page, CancellationToken ct = default) =>
        await db.TagFollows.AsNoTracking().Include(f => f.Tag).Where(f => f.AccountId == accountId).PageAsync(page, f => f.Id, MaxFollowedLimit, ct);

    /// <summary>
    /// The tags <paramref name="accountId"/> features, oldest first as Mastodon lists them, each counted over the
    /// account's own statuses (not boosts) with the tag that <paramref name="viewer"/> may read.
    /// </summary>
    public async Task<IReadOnlyList<FeaturedTagView>> FeaturedAsync(long accountId, Viewer viewer, CancellationToken ct = default)
    {
        var featured = await db.FeaturedTags.AsNoTracking().Include(f => f.Tag).Where(f => f.AccountId == accountId).OrderBy(f => f.Id).ToListAsync(ct);
        if (featured.Count == 0)
        {
            return [];
        }
        var tagIds = featured.Select(f => f.TagId).ToList();
        var counts = await (from s in db.Statuses.AsNoTracking().VisibleTo(db, viewer).Where(s => s.AccountId == accountId && s.ReblogOfId == null)
                            from t in s.Tags
                            where tagIds.Contains(t.TagId)
                            group s by t.TagId into g
                            select new { TagId = g.Key, Count = g.Count(), Last = g.Max(s => s.CreatedAt) })
            .ToDictionaryAsync(c => c.TagId, ct);
        return featured.Select(f => counts.TryGetValue(f.TagId, out var c)
            ? new FeaturedTagView(f, c.Count, c.Last)
            : new FeaturedTagView(f, 0, null)).ToList();
    }

    /// <summary>The member's most used hashtags of their recent statuses that they do not feature yet (up to ten).</summary>
    public async Task<IReadOnlyList<Tag>> SuggestionsAsync(long accountId, CancellationToken ct = default)
    {
        var recent = db.Statuses.Where(s => s.AccountId == accountId && s.DeletedAt == null && s.ReblogOfId == null)
            .OrderByDescending(s => s.Id).Take(200).Select(s => s.Id);
        var featured = db.FeaturedTags.Where(f => f.AccountId == accountId).Select(f => f.TagId);
        var ranked = await db.StatusTags.Where(t => recent.Contains(t.StatusId) && !featured.Contains(t.TagId))
            .GroupBy(t => t.TagId).Select(g => new { TagId = g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.TagId).Take(FeaturedTagLimit).ToListAsync(ct);
        var ids = ranked.Select(r => r.TagId).ToList();
        var tags = await db.Tags.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return ids.Select(id => tags[id]).ToList();
    }

    /// <summary>How many tags a member may feature, as Mastodon allows.</summary>
    public const int FeaturedTagLimit = 10;

    /// <summary>
    /// The last <see cref="HistoryDays"/> days of each tag, newest day first: public statuses (not boosts) anyone may
    /// read, and their distinct authors. One query for all the tags.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, IReadOnlyList<TagDay>>> HistoryAsync(IReadOnlyCollection<long> tagIds, CancellationToken ct = default)
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        var since = today.AddDays(-(HistoryDays - 1));
        var floor = Snowflake.Floor(since);
        var ids = tagIds.Distinct().ToList();
        var rows = ids.Count == 0 ? [] : await (
            from t in db.StatusTags
            where ids.Contains(t.TagId) && t.StatusId >= floor
            join s in db.Statuses.VisibleTo(db, Viewer.Anonymous) on t.StatusId equals s.Id
            where s.Visibility == Audience.Public && s.ReblogOfId == null
            select new { t.TagId, s.AccountId, s.CreatedAt }).ToListAsync(ct);
        var byTag = rows.ToLookup(r => r.TagId);
        var result = new Dictionary<long, IReadOnlyList<TagDay>>();
        foreach (var id in ids)
        {
            var uses = byTag[id].ToList();
            result[id] = Enumerable.Range(0, HistoryDays).Select(back =>
            {
                var day = today.AddDays(-back);
                var onDay = uses.Where(u => u.CreatedAt >= day && u.CreatedAt < day.AddDays(1)).ToList();
                return new TagDay(day, onDay.Count, onDay.Select(u => u.AccountId).Distinct().Count());
            }).ToList();
        }
        return result;
    }

    private List<TagDay> EmptyHistory()
    {
        var today = time.GetUtcNow().UtcDateTime.Date;
        return Enumerable.Range(0, HistoryDays).Select(back => new TagDay(today.AddDays(-back), 0, 0)).ToList();
    }
}
