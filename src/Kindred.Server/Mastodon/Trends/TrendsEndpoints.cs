using Kindred.Core.Statuses;
using Kindred.Core.Trends;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Trends;

/// <summary>
/// Trending tags, statuses and links (Mastodon docs: methods/trends; ADR 80), from the community's public posts of the
/// last week; empty lists while an admin has trends off. Trending posts leave out what the caller blocks or mutes and
/// carry the caller's public-context filters. No token needed; offset and limit page them as on Mastodon.
/// </summary>
public static class TrendsEndpoints
{
    public static RouteGroupBuilder MapTrendsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/trends", Tags).WithSummary("Trending hashtags (the older path)").WithTags("Trends");
        api.MapGet("/v1/trends/tags", Tags).WithSummary("Hashtags used by the most people in public posts of the last week").WithTags("Trends");
        api.MapGet("/v1/trends/statuses", Statuses).WithSummary("Public posts of the last week with the most favourites and boosts").WithTags("Trends");
        api.MapGet("/v1/trends/links", Links).WithSummary("Links shared by the most people in public posts of the last week").WithTags("Trends");
        return api;
    }

    private static async Task<(int Offset, int Limit)> PageAsync(HttpContext context, int defaultLimit)
    {
        var input = await MastodonParams.ReadAsync(context.Request);
        var offset = input.WholeNumber("offset") ?? 0;
        if (offset < 0)
        {
            throw Core.Common.KindredException.Invalid("offset", "offset must be zero or more.");
        }
        // As Mastodon: the limit is capped at twice the default.
        return (Math.Min(offset, TrendQueries.MaxRanked), Math.Clamp(input.WholeNumber("limit") ?? defaultLimit, 1, defaultLimit * 2));
    }

    private static async Task<IResult> Tags(HttpContext context, TrendQueries trends, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var (offset, limit) = await PageAsync(context, 10);
        var tags = await trends.TagsAsync(viewer.AccountId, offset, limit, context.RequestAborted);
        Pagination.SetOffsetLink(context, urls, offset, limit, tags.Count, tags.Count == limit);
        return MastodonJson.Ok(tags.Select(t => TagRenderer.Render(t, urls)).ToList());
    }

    private static async Task<IResult> Statuses(HttpContext context, TrendQueries trends, StatusQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var (offset, limit) = await PageAsync(context, 20);
        var ranked = await trends.StatusIdsAsync(context.RequestAborted);
        // Ranked over what anyone may read, then kept to what this caller may read (blocks), then paged.
        var visible = await queries.ManyAsync(ranked, viewer, context.RequestAborted);
        if (viewer.AccountId is { } me)
        {
            var muted = await trends.MutedAsync(me, context.RequestAborted);
            visible = visible.Where(s => !muted.Contains(s.AccountId)).ToList();
        }
        var page = visible.Skip(offset).Take(limit).ToList();
        Pagination.SetOffsetLink(context, urls, offset, limit, page.Count, visible.Count > offset + limit);
        return MastodonJson.Ok(await renderer.RenderFilteredAsync(page, viewer, FilterContexts.Public, context.RequestAborted));
    }

    private static async Task<IResult> Links(HttpContext context, TrendQueries trends, PublicUrls urls)
    {
        await MastodonAuth.ReaderAsync(context, "read");
        var (offset, limit) = await PageAsync(context, 10);
        var links = await trends.LinksAsync(offset, limit, context.RequestAborted);
        Pagination.SetOffsetLink(context, urls, offset, limit, links.Count, links.Count == limit);
        return MastodonJson.Ok(links.Select(l => new MastodonTrendsLink(
            l.Url, l.Url, "", "link", [], "", "", l.Host, "https://" + l.Host, "", 0, 0, null, null, "", null, null,
            TagRenderer.History(l.History))).ToList());
    }
}
