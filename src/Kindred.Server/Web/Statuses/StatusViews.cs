using Kindred.Core.Common;
using Kindred.Core.Filters;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Server.Web.Statuses;

/// <summary>Turns statuses the viewer may read into cards, in a handful of queries for the whole list.</summary>
public static class StatusViews
{
    /// <summary>Applies the viewer's live filters of <paramref name="context"/> to cards (one query for the filters): a
    /// card a "hide" filter matches is left out, one a "warn" filter matches is marked with the filters' titles.</summary>
    public static async Task<IReadOnlyList<StatusView>> FilterAsync(KindredDbContext db, IReadOnlyList<StatusView> views, Viewer viewer, FilterContexts context, DateTime now, CancellationToken ct = default) =>
        views.Count == 0 || viewer.AccountId is null ? views : Filter(views, await ActiveFilters.LoadAsync(db, viewer.AccountId, now, ct), viewer, context);

    /// <summary>As <see cref="FilterAsync"/>, with filters a page loaded once for several lists of cards.</summary>
    public static IReadOnlyList<StatusView> Filter(IReadOnlyList<StatusView> views, ActiveFilters filters, Viewer viewer, FilterContexts context)
    {
        if (filters.IsEmpty)
        {
            return views;
        }
        var kept = new List<StatusView>(views.Count);
        foreach (var view in views)
        {
            // A boost's card is its original, so the original's words are what is matched.
            var matches = filters.Match(view.Status, context, viewer.AccountId);
            if (matches.Any(m => m.Filter.Action == FilterAction.Hide))
            {
                continue;
            }
            kept.Add(matches.Count == 0 ? view : view with { FilteredBy = string.Join(", ", matches.Select(m => m.Filter.Title)) });
        }
        return kept;
    }

    /// <param name="statuses">Already read through <see cref="StatusQueries"/>, so the viewer may see each of them.</param>
    public static async Task<IReadOnlyList<StatusView>> LoadAsync(KindredDbContext db, StatusQueries queries, IReadOnlyList<Status> statuses, Viewer viewer, CancellationToken ct = default)
    {
        if (statuses.Count == 0)
        {
            return [];
        }
        // A boost shows its original, which is read through the same rule; a boost of something hidden is left out.
        var originalIds = statuses.Where(s => s.ReblogOfId is not null).Select(s => s.ReblogOfId!.Value).Distinct().ToList();
        // The timeline page loaded them already when the boosts passed the same rule (ADR 39); the rest are read here.
        var originals = new Dictionary<long, Status>();
        foreach (var id in originalIds)
        {
            if (queries.TryGetLoaded(id, out var loaded))
            {
                originals[id] = loaded;
            }
        }
        var unread = originalIds.Where(id => !originals.ContainsKey(id)).ToList();
        if (unread.Count > 0)
        {
            foreach (var original in await queries.ManyAsync(unread, viewer, ct))
            {
                originals[original.Id] = original;
            }
        }
        var shown = statuses
            .Select(s => s.ReblogOfId is { } o ? (originals.TryGetValue(o, out var original) ? (Card: original, By: s.Account, PageId: s.Id) : default) : (Card: s, By: (Kindred.Data.Entities.Account?)null, PageId: s.Id))
            .Where(x => x.Card is not null)
            .ToList();
        var ids = shown.Select(x => x.Card.Id).Distinct().ToList();
        var counts = await StatusCounts.LoadAsync(db, ids, viewer, ct);
        var polls = await Kindred.Core.Polls.PollQueries.ForStatusesAsync(db, ids, viewer, ct);
        // Staff only: boosting as the organization and who sent its posts, read once for the list (ADR 65).
        var (actAs, sentBy) = await Kindred.Core.Organizations.OrganizationVoice.ForCardsAsync(db, viewer.AccountId, shown.Select(x => x.Card).ToList(), ct);
        // The same for every viewer: kept by the status's version (ADR 100).
        var parts = await queries.PartsAsync(shown.Select(x => x.Card), ct);
        // The custom emojis of the whole page, in one query and only when some text writes a shortcode (ADR 82).
        var emojis = await new Kindred.Core.CustomEmojis.CustomEmojiQueries(db).LookupAsync(
            shown.SelectMany(x => new[] { x.Card.Text, x.Card.SpoilerText, x.Card.Account.DisplayName, x.By?.DisplayName })
                .Concat(polls.Values.SelectMany(p => p.Poll.Options.Select(o => o.Title))), ct);
        return shown.Select(x => new StatusView(
            x.Card,
            x.By,
            counts.Replies(x.Card.Id),
            counts.Reblogs(x.Card.Id),
            x.Card.FavouritesCount,
            counts.Favourited(x.Card.Id),
            counts.Reblogged(x.Card.Id),
            counts.Bookmarked(x.Card.Id))
        { PageId = x.PageId, Poll = polls.GetValueOrDefault(x.Card.Id), Media = parts[x.Card.Id].Media, ActAs = actAs, SentBy = sentBy.GetValueOrDefault(x.Card.Id), Emojis = emojis }).ToList();
    }
}
