using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Statuses;

/// <summary>Lists of statuses that belong to an account: its posts, and a member's favourites and bookmarks
/// (Mastodon docs: methods/accounts#statuses, methods/favourites, methods/bookmarks).</summary>
public static class StatusListsEndpoints
{
    public static RouteGroupBuilder MapStatusListsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/accounts/{id}/statuses", AccountStatuses).WithSummary("An account's statuses").WithTags("Accounts");
        api.MapGet("/v1/favourites", Favourites).WithSummary("Statuses the member favourited").WithTags("Favourites");
        api.MapGet("/v1/bookmarks", Bookmarks).WithSummary("Statuses the member bookmarked").WithTags("Bookmarks");
        return api;
    }

    private static async Task<IResult> AccountStatuses(string id, HttpContext context, StatusQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        var filter = new AccountStatusFilter(
            input.Bool("exclude_replies") ?? false,
            input.Bool("exclude_reblogs") ?? false,
            input.Bool("only_media") ?? false,
            input.Bool("pinned") ?? false,
            input.Value("tagged", 200));
        var statuses = await queries.AccountStatusesAsync(StatusesEndpoints.ParseId(id), viewer, filter, page, context.RequestAborted);
        Pagination.SetLink(context, urls, statuses.Select(s => s.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderFilteredAsync(statuses, viewer, FilterContexts.Account, context.RequestAborted));
    }

    private static async Task<IResult> Favourites(HttpContext context, StatusQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:favourites");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        var rows = await queries.FavouritesAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows.Select(r => r.Status).ToList(), Viewer.Member(me), ct: context.RequestAborted));
    }

    private static async Task<IResult> Bookmarks(HttpContext context, StatusQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:bookmarks");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        var rows = await queries.BookmarksAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows.Select(r => r.Status).ToList(), Viewer.Member(me), ct: context.RequestAborted));
    }
}
