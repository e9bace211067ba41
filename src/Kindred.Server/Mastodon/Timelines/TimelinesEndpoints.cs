using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Timelines;

/// <summary>The home, public and hashtag timelines (Mastodon docs: methods/timelines). Every account is local until
/// federation arrives, so local=true changes nothing and remote=true is empty.</summary>
public static class TimelinesEndpoints
{
    public static RouteGroupBuilder MapTimelinesEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/timelines/home", Home).WithSummary("Posts and boosts of the member and the accounts they follow").WithTags("Timelines");
        api.MapGet("/v1/timelines/public", Public).WithSummary("Public posts of this server (and members-only ones for members)").WithTags("Timelines");
        api.MapGet("/v1/timelines/tag/{hashtag}", Tag).WithSummary("Public posts with a hashtag (any[], all[], none[] narrow it)").WithTags("Timelines");
        return api;
    }

    private static async Task<IResult> Home(HttpContext context, StatusQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:statuses");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        var statuses = await queries.HomeAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, statuses.Select(s => s.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderFilteredAsync(statuses, Viewer.Member(me), FilterContexts.Home, context.RequestAborted));
    }

    private static async Task<IResult> Public(HttpContext context, StatusQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        if ((input.Bool("remote") ?? false) || (input.Bool("only_media") ?? false))
        {
            return MastodonJson.Ok(Array.Empty<object>());
        }
        var statuses = await queries.PublicAsync(viewer, page, context.RequestAborted);
        Pagination.SetLink(context, urls, statuses.Select(s => s.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderFilteredAsync(statuses, viewer, FilterContexts.Public, context.RequestAborted));
    }

    private static async Task<IResult> Tag(string hashtag, HttpContext context, StatusQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:statuses");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        if ((input.Bool("remote") ?? false) || (input.Bool("only_media") ?? false))
        {
            return MastodonJson.Ok(Array.Empty<object>());
        }
        var statuses = await queries.TagAsync(hashtag, viewer, page, input.List("any"), input.List("all"), input.List("none"), context.RequestAborted);
        Pagination.SetLink(context, urls, statuses.Select(s => s.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderFilteredAsync(statuses, viewer, FilterContexts.Public, context.RequestAborted));
    }
}
