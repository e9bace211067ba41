using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.KindredApi.Aid;

/// <summary>
/// Kindred extension: requests for help and offers of it (ADR 27, 29). Every read goes through AidVisibility; an item the
/// caller may not see is a 404 on every method, and opening someone else's sensitive item is written to its audit trail.
/// </summary>
public static class AidEndpoints
{
    public static RouteGroupBuilder MapAidEndpoints(this RouteGroupBuilder api)
    {
        var aid = api.MapGroup("/v1/kindred/aid").WithTags("Mutual aid (Kindred)");
        aid.MapGet("", Browse)
            .WithSummary("Browse requests and offers the caller may see: kind (request|offer), category (slug), urgency (at least: low|normal|high|urgent), " +
                "state (open by default, which also keeps in_progress; or open|in_progress|fulfilled|closed|expired|any), near=me with radius (km), " +
                "sort (newest|urgency|distance), limit")
            .WithDescription("Anonymous callers see public items only; sensitive items are never public. Newest first pages by max_id, since_id and min_id; " +
                $"urgency and distance orders page by offset (at most {AidQueries.MaxOffset}). Radius {AidQueries.MinRadiusKm}–{AidQueries.MaxRadiusKm} km " +
                $"(default {AidQueries.DefaultRadiusKm}) snaps up to a distance band edge (5, 15, 50, 150 km; beyond 150 every item with a place), " +
                "measured between 0.05° cells from the caller's settled home area: a new home area counts for distances 7 days after it was set (ADR 43). " +
                "distance_km is the band's upper edge, distance_band its name; the distance order is by band, then newest first. A sensitive item " +
                "has no distance, is left out of near=me and comes after located items in the distance order, except for those answering it. limit at most {AidQueries.MaxLimit}. The Link header carries the filters.")
            .Produces<List<AidItemDto>>();
        aid.MapPost("", Create)
            .WithSummary("Post a request or an offer: kind, category, title (≤ 120), description (≤ 5000), area_name, latitude and longitude (rounded; the profile's " +
                "home area by default), clear_location, starts_on, ends_on (YYYY-MM-DD), availability (weekly mask, 0 = any time), urgency (requests), " +
                "audience (members|group|vetted_helpers|public), group_id, answer_policy (anyone|vetted_helpers), sensitive, open_for_days (1–90, default 30)")
            .WithDescription("A sensitive item cannot be public; a group must be one the caller belongs to. Bad input is a 422 naming the field and changes nothing.")
            .Produces<AidItemDto>();
        aid.MapGet("/mine", Mine).WithSummary("The caller's own requests and offers in every state, newest first (max_id, since_id, min_id, limit; Link header)")
            .Produces<List<AidItemDto>>();
        aid.MapGet("/categories", Categories).WithSummary("The categories new items may choose (archived ones only with include_archived=true)")
            .Produces<List<AidCategoryDto>>();
        aid.MapGet("/{id}", Get).WithSummary("One request or offer; a 404 for anything the caller may not see")
            .WithDescription("distance_km and distance_band give a distance band from the caller's settled home area, never kilometres (ADR 43); " +
                "null on the caller's own items and on a sensitive item the caller is not answering.").Produces<AidItemDto>();
        aid.MapMethods("/{id}", ["PATCH", "PUT"], Update).WithSummary("Change one of the caller's own items (the create fields; omitted fields stay as they are)")
            .Produces<AidItemDto>();
        aid.MapPost("/{id}/close", Close).WithSummary("Close an open or in-progress item (its owner, or a safeguarding lead)").Produces<AidItemDto>();
        aid.MapPost("/{id}/reopen", Reopen).WithSummary("Reopen one of the caller's closed or expired items (open_for_days, default 30)").Produces<AidItemDto>();

        var admin = api.MapGroup("/v1/admin/kindred/aid/categories").WithTags("Mutual aid (Kindred)");
        admin.MapPost("", AddCategory).WithSummary("Administrators: add a category of help (name ≤ 60)").Produces<AidCategoryDto>();
        admin.MapMethods("/{id}", ["PATCH", "PUT"], UpdateCategory).WithSummary("Administrators: rename a category (name) or archive it (archived=true|false)")
            .Produces<AidCategoryDto>();
        return api;
    }

    private static async Task<IResult> Browse(HttpContext context, AidQueries queries, AidRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, AidQueries.DefaultLimit, AidQueries.MaxLimit);
        var near = input.Value("near", 20);
        if (near is { Length: > 0 } and not "me")
        {
            throw KindredException.Invalid("near", "near must be \"me\".");
        }
        var state = AidParams.State(input.Value("state", 20), out var anyState);
        var query = new AidBrowseQuery
        {
            Kind = AidParams.Kind(input.Value("kind", 20)),
            Category = input.Value("category", 60),
            MinUrgency = AidParams.Urgency(input.Value("urgency", 20)),
            State = state,
            AnyState = anyState,
            NearMe = near == "me",
            RadiusKm = input.WholeNumber("radius"),
            Sort = AidParams.Sort(input.Value("sort", 20)),
            Page = page,
            Offset = input.WholeNumber("offset") ?? 0,
        };
        var result = await queries.BrowseAsync(query, viewer, context.RequestAborted);
        if (query.Sort == AidSort.Newest)
        {
            Pagination.SetLink(context, urls, result.Entries.Select(e => e.Item.Id).ToList(), page.Limit);
        }
        else
        {
            Pagination.SetOffsetLink(context, urls, query.Offset, page.Limit, result.Entries.Count, result.HasMore);
        }
        return MastodonJson.Ok(await renderer.RenderManyAsync(result.Entries, viewer.AccountId, context.RequestAborted));
    }

    private static async Task<IResult> Mine(HttpContext context, AidQueries queries, AidRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), AidQueries.DefaultLimit, AidQueries.MaxLimit);
        var entries = await queries.MineAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, entries.Select(e => e.Item.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(entries, me, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, AidQueries queries, AidRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var entry = await queries.GetAsync(StatusesEndpoints.ParseId(id), viewer, "api", context.RequestAborted);
        return MastodonJson.Ok((await renderer.RenderManyAsync([entry], viewer.AccountId, context.RequestAborted))[0]);
    }

    private static async Task<IResult> Create(HttpContext context, AidService service, AidQueries queries, AidRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var item = await service.CreateAsync(me, AidParams.Input(await MastodonParams.ReadAsync(context.Request)), context.RequestAborted);
        return await OwnAsync(context, me, item.Id, queries, renderer);
    }

    private static async Task<IResult> Update(string id, HttpContext context, AidService service, AidQueries queries, AidRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var item = await service.UpdateAsync(me, StatusesEndpoints.ParseId(id), AidParams.Input(await MastodonParams.ReadAsync(context.Request)), context.RequestAborted);
        return await OwnAsync(context, me, item.Id, queries, renderer);
    }

    private static async Task<IResult> Close(string id, HttpContext context, AidService service, AidQueries queries, AidRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var item = await service.CloseAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return await OwnAsync(context, me, item.Id, queries, renderer);
    }

    private static async Task<IResult> Reopen(string id, HttpContext context, AidService service, AidQueries queries, AidRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var item = await service.ReopenAsync(me, StatusesEndpoints.ParseId(id), input.WholeNumber("open_for_days"), context.RequestAborted);
        return await OwnAsync(context, me, item.Id, queries, renderer);
    }

    private static async Task<IResult> Categories(HttpContext context, AidCategories categories)
    {
        await MastodonAuth.ReaderAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var list = await categories.ListAsync(input.Bool("include_archived") ?? false, context.RequestAborted);
        return MastodonJson.Ok(list.Select(AidRenderer.Render).ToList());
    }

    private static async Task<IResult> AddCategory(HttpContext context, AidCategories categories)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        return MastodonJson.Ok(AidRenderer.Render(await categories.AddAsync(me, input.Value("name", 1_000), context.RequestAborted)));
    }

    private static async Task<IResult> UpdateCategory(string id, HttpContext context, AidCategories categories)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var category = await categories.UpdateAsync(me, Ids.Optional(id, "id") ?? 0, input.Value("name", 1_000), input.Bool("archived"), context.RequestAborted);
        return MastodonJson.Ok(AidRenderer.Render(category));
    }

    // The item after a write, read like any other read: a lead closing someone else's sensitive item has opened it.
    /// <summary>The item as its owner now sees it: every state change (close, reopen, fulfil) answers with it.</summary>
    internal static async Task<IResult> OwnAsync(HttpContext context, long me, long itemId, AidQueries queries, AidRenderer renderer)
    {
        var entry = await queries.GetAsync(itemId, Viewer.Member(me), "api", context.RequestAborted);
        return MastodonJson.Ok((await renderer.RenderManyAsync([entry], me, context.RequestAborted))[0]);
    }
}
