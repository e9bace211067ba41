using System.Globalization;
using Kindred.Core.Filters;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Filters, their keywords and statuses, and the results on statuses, as Mastodon writes them.</summary>
public static class FilterRenderer
{
    public static MastodonFilter Render(Filter filter) => new(
        Id(filter.Id),
        filter.Title,
        FilterNames.Names(filter.Contexts),
        filter.ExpiresAt is { } expires ? MastodonTime.Format(expires) : null,
        FilterNames.Name(filter.Action),
        filter.Keywords.Select(Render).ToList(),
        filter.Statuses.Select(Render).ToList());

    public static MastodonFilterKeyword Render(FilterKeyword keyword) => new(Id(keyword.Id), keyword.Keyword, keyword.WholeWord);

    public static MastodonFilterStatus Render(FilterStatus status) => new(Id(status.Id), Id(status.StatusId));

    public static MastodonV1Filter RenderV1(Filter filter, FilterKeyword keyword) => new(
        Id(keyword.Id),
        keyword.Keyword,
        FilterNames.Names(filter.Contexts),
        filter.ExpiresAt is { } expires ? MastodonTime.Format(expires) : null,
        filter.Action == FilterAction.Hide,
        keyword.WholeWord);

    public static MastodonFilterResult Result(FilterMatch match) => new(
        Render(match.Filter) with { Keywords = null, Statuses = null },
        match.KeywordMatches.Count == 0 ? null : match.KeywordMatches,
        match.StatusMatched is { } statusId ? [Id(statusId)] : null);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
