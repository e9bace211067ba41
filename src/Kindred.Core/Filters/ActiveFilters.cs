using System.Text.RegularExpressions;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Filters;

/// <summary>
/// A viewer's filters that have not expired, loaded once for a request (one query) and matched against each status
/// of the page with each filter's compiled pattern. A status is matched by its content warning and text; a boost by
/// its original's.
/// </summary>
public sealed class ActiveFilters
{
    public static ActiveFilters None { get; } = new([]);

    private readonly IReadOnlyList<(Filter Filter, Regex? Pattern, HashSet<long> Statuses)> filters;

    private ActiveFilters(IReadOnlyList<(Filter, Regex?, HashSet<long>)> filters) => this.filters = filters;

    public bool IsEmpty => filters.Count == 0;

    public static async Task<ActiveFilters> LoadAsync(KindredDbContext db, long? accountId, DateTime now, CancellationToken ct = default)
    {
        if (accountId is not { } id)
        {
            return None;
        }
        var loaded = await db.Filters.AsNoTracking()
            .Where(f => f.AccountId == id && (f.ExpiresAt == null || f.ExpiresAt > now))
            .Include(f => f.Keywords)
            .Include(f => f.Statuses)
            .AsSplitQuery()
            .OrderBy(f => f.Id)
            .ToListAsync(ct);
        return loaded.Count == 0
            ? None
            : new ActiveFilters(loaded.Select(f => (f, FilterPattern.For(f.Keywords), f.Statuses.Select(s => s.StatusId).ToHashSet())).ToList());
    }

    /// <summary>The filters of <paramref name="context"/> that match <paramref name="status"/> (the original, for a
    /// boost: pass it loaded). Empty for the viewer's own statuses, as on Mastodon.</summary>
    public IReadOnlyList<FilterMatch> Match(Status status, FilterContexts context, long? viewerId = null)
    {
        List<FilterMatch>? matches = null;
        foreach (var (filter, byStatus, byWords, text) in Matching(status, context, viewerId))
        {
            (matches ??= []).Add(new FilterMatch(filter, byWords ? FilterPattern.Found(filter.Keywords, text) : [], byStatus ? status.Id : null));
        }
        return matches ?? (IReadOnlyList<FilterMatch>)[];
    }

    /// <summary>Whether a filter of <paramref name="context"/> hides <paramref name="status"/>; unlike
    /// <see cref="Match"/> it never lists which keywords matched (the streams ask this for every status they carry).</summary>
    public bool Hides(Status status, FilterContexts context, long? viewerId = null) =>
        Matching(status, context, viewerId).Any(m => m.Filter.Action == FilterAction.Hide);

    private IEnumerable<(Filter Filter, bool ByStatus, bool ByWords, string Text)> Matching(Status status, FilterContexts context, long? viewerId)
    {
        if (filters.Count == 0 || status.AccountId == viewerId)
        {
            yield break;
        }
        var text = status.SpoilerText.Length == 0 ? status.Text : status.SpoilerText + "\n" + status.Text;
        foreach (var (filter, pattern, statuses) in filters)
        {
            if ((filter.Contexts & context) == 0)
            {
                continue;
            }
            var byStatus = statuses.Contains(status.Id);
            bool byWords;
            try
            {
                byWords = pattern is not null && pattern.IsMatch(text);
            }
            catch (RegexMatchTimeoutException)
            {
                byWords = false;
            }
            if (byStatus || byWords)
            {
                yield return (filter, byStatus, byWords, text);
            }
        }
    }
}
