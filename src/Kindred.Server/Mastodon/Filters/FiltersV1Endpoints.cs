using Kindred.Core.Filters;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Filters;

/// <summary>
/// Keyword filters as older clients see them (Mastodon docs: methods/filters, the v1 methods): each keyword is one v1
/// filter, with its filter's contexts, expiry and action ("irreversible" is hide). Creating one makes a filter titled
/// by the phrase holding that one keyword; changing one changes the keyword and its filter; deleting one removes the
/// keyword, and the filter with it when nothing else is left in it.
/// </summary>
public static class FiltersV1Endpoints
{
    public static RouteGroupBuilder MapFiltersV1Endpoints(this RouteGroupBuilder api)
    {
        var filters = api.MapGroup("/v1/filters").WithTags("Filters");
        filters.MapGet("", All).WithSummary("The caller's filter keywords as v1 filters");
        filters.MapPost("", Create).WithSummary("Create a v1 filter (phrase, context[], irreversible, whole_word, expires_in)");
        filters.MapGet("/{id}", Get).WithSummary("One v1 filter");
        filters.MapPut("/{id}", Update).WithSummary("Change a v1 filter");
        filters.MapDelete("/{id}", Delete).WithSummary("Delete a v1 filter");
        return api;
    }

    private static async Task<IResult> All(HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        var filters = await queries.AllAsync(me, context.RequestAborted);
        return MastodonJson.Ok(filters.SelectMany(f => f.Keywords.Select(k => FilterRenderer.RenderV1(f, k))).ToList());
    }

    private static async Task<IResult> Get(string id, HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        var (filter, keyword) = await queries.KeywordAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.RenderV1(filter, keyword));
    }

    private static async Task<IResult> Create(HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var input = await MastodonParams.ReadAsync(context.Request);
        var phrase = input.Value("phrase", FilterService.MaxKeyword * 4);
        var filter = await service.CreateAsync(me, new FilterChange(
            phrase,
            FilterNames.ParseContexts(input.List("context")),
            Action(input),
            true,
            FiltersEndpoints.ExpiresIn(input),
            [new KeywordChange(null, phrase, input.Bool("whole_word") ?? true)]), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.RenderV1(filter, filter.Keywords[0]));
    }

    private static async Task<IResult> Update(string id, HttpContext context, FilterService service, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var keywordId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var (filter, _) = await queries.KeywordAsync(me, keywordId, context.RequestAborted);
        await service.UpdateAsync(me, filter.Id, new FilterChange(
            null,
            input.Has("context") ? FilterNames.ParseContexts(input.List("context")) ?? FilterContexts.None : null,
            Action(input),
            input.Has("expires_in"),
            FiltersEndpoints.ExpiresIn(input),
            [new KeywordChange(keywordId, input.Value("phrase", FilterService.MaxKeyword * 4), input.Bool("whole_word"))]), context.RequestAborted);
        var (changed, keyword) = await queries.KeywordAsync(me, keywordId, context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.RenderV1(changed, keyword));
    }

    private static async Task<IResult> Delete(string id, HttpContext context, FilterService service, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var keywordId = StatusesEndpoints.ParseId(id);
        var (filter, _) = await queries.KeywordAsync(me, keywordId, context.RequestAborted);
        if (filter.Keywords.Count == 1 && filter.Statuses.Count == 0)
        {
            await service.DeleteAsync(me, filter.Id, context.RequestAborted);
        }
        else
        {
            await service.DeleteKeywordAsync(me, keywordId, context.RequestAborted);
        }
        return MastodonJson.Ok(new { });
    }

    private static FilterAction? Action(MastodonParams input) => input.Bool("irreversible") switch
    {
        true => FilterAction.Hide,
        false => FilterAction.Warn,
        null => null,
    };
}
