using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Tags;
using Kindred.Data;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Tags;

/// <summary>
/// Hashtags a member features on their profile (Mastodon docs: methods/featured_tags, accounts#featured_tags; ADR 80).
/// The counts of an account's featured tags are over the statuses the caller may read, so they tell nothing of posts the
/// caller could not see.
/// </summary>
public static class FeaturedTagsEndpoints
{
    public static RouteGroupBuilder MapFeaturedTagsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/featured_tags", List).WithSummary("The hashtags the caller features on their profile").WithTags("Tags");
        api.MapPost("/v1/featured_tags", Feature).WithSummary("Feature a hashtag (name) on the caller's profile (at most 10)").WithTags("Tags");
        api.MapDelete("/v1/featured_tags/{id}", Unfeature).WithSummary("Stop featuring a hashtag").WithTags("Tags");
        api.MapGet("/v1/featured_tags/suggestions", Suggestions).WithSummary("The caller's most used hashtags not featured yet").WithTags("Tags");
        api.MapGet("/v1/accounts/{id}/featured_tags", OfAccount).WithSummary("The hashtags an account features, counted over what the caller may read").WithTags("Tags");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, TagQueries queries, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        var featured = await queries.FeaturedAsync(me, Viewer.Member(me), context.RequestAborted);
        return MastodonJson.Ok(featured.Select(f => TagRenderer.Render(f, urls)).ToList());
    }

    private static async Task<IResult> Feature(HttpContext context, TagService tags, TagQueries queries, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var featured = await tags.FeatureAsync(me, input.Value("name", 200), context.RequestAborted);
        var view = (await queries.FeaturedAsync(me, Viewer.Member(me), context.RequestAborted)).First(f => f.Featured.Id == featured.Id);
        return MastodonJson.Ok(TagRenderer.Render(view, urls));
    }

    private static async Task<IResult> Unfeature(string id, HttpContext context, TagService tags)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        await tags.UnfeatureAsync(me, Ids.ParseOrNotFound(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Suggestions(HttpContext context, TagQueries queries, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        var views = await queries.RenderAsync(await queries.SuggestionsAsync(me, context.RequestAborted), me, context.RequestAborted);
        return MastodonJson.Ok(views.Select(v => TagRenderer.Render(v, urls)).ToList());
    }

    private static async Task<IResult> OfAccount(string id, HttpContext context, TagQueries queries, KindredDbContext db, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read:accounts");
        var accountId = Ids.ParseOrNotFound(id);
        // The accounts GET /api/v1/accounts/:id shows; a caller blocked either way sees the tags with nothing counted.
        if (!await db.Accounts.Where(a => a.Id == accountId).Visible().AnyAsync(context.RequestAborted))
        {
            throw KindredException.NotFound();
        }
        var featured = await queries.FeaturedAsync(accountId, viewer, context.RequestAborted);
        return MastodonJson.Ok(featured.Select(f => TagRenderer.Render(f, urls)).ToList());
    }
}
