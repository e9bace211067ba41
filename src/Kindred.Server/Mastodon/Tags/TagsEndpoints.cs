using Kindred.Core.Common;
using Kindred.Core.Tags;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Tags;

/// <summary>
/// Hashtags and following them (Mastodon docs: methods/tags, methods/followed_tags; ADR 80). Reading a tag needs no
/// token; following needs write:follows, the followed list read:follows. Posts with a followed tag reach the home feed.
/// </summary>
public static class TagsEndpoints
{
    public static RouteGroupBuilder MapTagsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/tags/{name}", Get).WithSummary("A hashtag with its last week and whether the caller follows it").WithTags("Tags");
        api.MapPost("/v1/tags/{name}/follow", Follow).WithSummary("Follow a hashtag: its public posts enter the home timeline").WithTags("Tags");
        api.MapPost("/v1/tags/{name}/unfollow", Unfollow).WithSummary("Stop following a hashtag").WithTags("Tags");
        api.MapGet("/v1/followed_tags", Followed).WithSummary("The hashtags the caller follows (Link paging)").WithTags("Tags");
        return api;
    }

    private static async Task<IResult> Get(string name, HttpContext context, TagQueries queries, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        return MastodonJson.Ok(TagRenderer.Render(await queries.GetAsync(name, viewer.AccountId, context.RequestAborted), urls));
    }

    private static async Task<IResult> Follow(string name, HttpContext context, TagService tags, TagQueries queries, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:follows");
        var tag = await tags.FollowAsync(me, name, context.RequestAborted);
        return MastodonJson.Ok(TagRenderer.Render((await queries.RenderAsync([tag], me, context.RequestAborted))[0], urls));
    }

    private static async Task<IResult> Unfollow(string name, HttpContext context, TagService tags, TagQueries queries, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:follows");
        var tag = await tags.UnfollowAsync(me, name, context.RequestAborted);
        return MastodonJson.Ok(TagRenderer.Render((await queries.RenderAsync([tag], me, context.RequestAborted))[0], urls));
    }

    private static async Task<IResult> Followed(HttpContext context, TagQueries queries, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:follows");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), TagQueries.DefaultFollowedLimit, TagQueries.MaxFollowedLimit);
        var follows = await queries.FollowedAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, follows.Select(f => f.Id).ToList(), page.Limit);
        var views = await queries.RenderAsync(follows.Select(f => f.Tag).ToList(), me, context.RequestAborted);
        return MastodonJson.Ok(views.Select(v => TagRenderer.Render(v, urls)).ToList());
    }
}
