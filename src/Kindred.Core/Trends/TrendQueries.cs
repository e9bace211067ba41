using System.Text.RegularExpressions;
using Kindred.Core.Common;
using Kindred.Core.Tags;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Trends;

/// <summary>
/// What is trending in the community (ADR 80), computed when asked from the last <see cref="WindowDays"/> days of
/// public posts anyone may read: never a members-only, private or direct post, nothing from a closed group, a limited
/// account or a suspended one (<see cref="StatusVisibility.VisibleTo"/> for a visitor does all of that). A trending
/// status is shown only when the viewer may read it. An admin switch (<see cref="Organization.TrendsOff"/>) empties all three.
/// </summary>
public sealed partial class TrendQueries(KindredDbContext db, TagQueries tags, TimeProvider time)
{
    public const int WindowDays = 7;

    /// <summary>Tags and links trend once this many different people used them: one person's habit is not a trend.</summary>
    public const int MinAccounts = 2;

    /// <summary>How many candidates each list ranks at most; the API pages by offset within them.</summary>
    public const int MaxRanked = 200;

    public Task<bool> EnabledAsync(CancellationToken ct = default) =>
        db.Organizations.AnyAsync(o => !o.TrendsOff, ct);

    /// <summary>Tags most people used in public posts of the window, then most used.</summary>
    public async Task<IReadOnlyList<TagView>> TagsAsync(long? viewerId, int offset, int limit, CancellationToken ct = default)
    {
        if (!await EnabledAsync(ct))
        {
            return [];
        }
        var floor = Floor();
        var ranked = await (from t in db.StatusTags
                            where t.StatusId >= floor
                            join s in Listed() on t.StatusId equals s.Id
                            group s by t.TagId into g
                            select new { TagId = g.Key, Accounts = g.Select(s => s.AccountId).Distinct().Count(), Uses = g.Count() })
            .Where(g => g.Accounts >= MinAccounts)
            .OrderByDescending(g => g.Accounts).ThenByDescending(g => g.Uses).ThenBy(g => g.TagId)
            .Skip(offset).Take(limit).ToListAsync(ct);
        var ids = ranked.Select(r => r.TagId).ToList();
        var found = await db.Tags.AsNoTracking().Where(t => ids.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        return await tags.RenderAsync(ids.Select(id => found[id]).ToList(), viewerId, ct);
    }

    /// <summary>
    /// Public posts of the window with the most favourites and boosts (at least one), as ids in rank order; the caller
    /// keeps those the viewer may read before paging.
    /// </summary>
    public async Task<IReadOnlyList<long>> StatusIdsAsync(CancellationToken ct = default)
    {
        if (!await EnabledAsync(ct))
        {
            return [];
        }
        var floor = Floor();
        var ranked = await Listed().Where(s => s.Id >= floor)
            .Select(s => new
            {
                s.Id,
                // The stored favourites count (ADR 92) is the same number without a subquery per post.
                Score = s.FavouritesCount
                    + db.Statuses.Count(b => b.ReblogOfId == s.Id && b.DeletedAt == null),
            })
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score).ThenByDescending(s => s.Id)
            .Take(MaxRanked).ToListAsync(ct);
        return ranked.Select(r => r.Id).ToList();
    }

    /// <summary>
    /// Links (http and https addresses in the text) that most people shared in public posts of the window. Kindred
    /// fetches no link previews, so a link is its address and its host.
    /// </summary>
    public async Task<IReadOnlyList<TrendingLink>> LinksAsync(int offset, int limit, CancellationToken ct = default)
    {
        if (!await EnabledAsync(ct))
        {
            return [];
        }
        var floor = Floor();
        var posts = await Listed().Where(s => s.Id >= floor && s.Text.Contains("http"))
            .OrderByDescending(s => s.Id).Take(5_000)
            .Select(s => new { s.AccountId, s.CreatedAt, s.Text }).ToListAsync(ct);
        var uses = posts.SelectMany(p => Urls(p.Text).Select(url => (Url: url, p.AccountId, p.CreatedAt))).ToList();
        var today = time.UtcNow().Date;
        return uses.GroupBy(u => u.Url, StringComparer.Ordinal)
            .Select(g => new { Url = g.Key, Accounts = g.Select(u => u.AccountId).Distinct().Count(), Uses = g.Count(), Items = g.ToList() })
            .Where(g => g.Accounts >= MinAccounts)
            .OrderByDescending(g => g.Accounts).ThenByDescending(g => g.Uses).ThenBy(g => g.Url, StringComparer.Ordinal)
            .Skip(offset).Take(limit)
            .Select(g => new TrendingLink(g.Url, new Uri(g.Url).Host, Enumerable.Range(0, TagQueries.HistoryDays).Select(back =>
            {
                var day = today.AddDays(-back);
                var onDay = g.Items.Where(u => u.CreatedAt >= day && u.CreatedAt < day.AddDays(1)).ToList();
                return new TagDay(day, onDay.Count, onDay.Select(u => u.AccountId).Distinct().Count());
            }).ToList()))
            .ToList();
    }

    /// <summary>The accounts a member mutes now, left out of the trending posts they are shown.</summary>
    public async Task<IReadOnlySet<long>> MutedAsync(long viewerId, CancellationToken ct = default) =>
        (await db.Mutes.Live(time.UtcNow()).Where(m => m.AccountId == viewerId).Select(m => m.TargetAccountId).ToListAsync(ct)).ToHashSet();

    /// <summary>The distinct web addresses in a post's text, without trailing punctuation.</summary>
    public static IReadOnlyList<string> Urls(string text) =>
        UrlPattern().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')', '\'', '"'))
            .Where(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Public originals anyone may read: what a trend may be made of.</summary>
    private IQueryable<Status> Listed() =>
        db.Statuses.AsNoTracking().VisibleTo(db, Viewer.Anonymous).Where(s => s.Visibility == Audience.Public && s.ReblogOfId == null);

    private long Floor() => Snowflake.Floor(time.UtcNow().AddDays(-WindowDays));

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
