using Kindred.Core.Common;
using Kindred.Core.Filters;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Filters;

/// <summary>Keyword filters, v2 (Mastodon docs: methods/filters): filters with their keywords and statuses. Another
/// member's filter, keyword or status is a 404 on every method.</summary>
public static class FiltersEndpoints
{
    public static RouteGroupBuilder MapFiltersEndpoints(this RouteGroupBuilder api)
    {
        var filters = api.MapGroup("/v2/filters").WithTags("Filters");
        filters.MapGet("", All).WithSummary("The caller's filters");
        filters.MapPost("", Create).WithSummary("Create a filter (title, context[], filter_action, expires_in, keywords_attributes[])");
        filters.MapGet("/{id}", Get).WithSummary("One of the caller's filters");
        filters.MapPut("/{id}", Update).WithSummary("Change a filter; keywords_attributes[] with id changes or (_destroy) removes a keyword");
        filters.MapDelete("/{id}", Delete).WithSummary("Delete a filter");
        filters.MapGet("/{id}/keywords", Keywords).WithSummary("A filter's keywords");
        filters.MapPost("/{id}/keywords", AddKeyword).WithSummary("Add a keyword (keyword, whole_word)");
        filters.MapGet("/keywords/{id}", GetKeyword).WithSummary("One keyword");
        filters.MapPut("/keywords/{id}", UpdateKeyword).WithSummary("Change a keyword (keyword, whole_word)");
        filters.MapDelete("/keywords/{id}", DeleteKeyword).WithSummary("Remove a keyword");
        filters.MapGet("/{id}/statuses", Statuses).WithSummary("A filter's statuses");
        filters.MapPost("/{id}/statuses", AddStatus).WithSummary("Add a status to a filter (status_id)");
        filters.MapGet("/statuses/{id}", GetStatus).WithSummary("One filtered status");
        filters.MapDelete("/statuses/{id}", DeleteStatus).WithSummary("Remove a status from a filter");
        return api;
    }

    private static async Task<IResult> All(HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        return MastodonJson.Ok((await queries.AllAsync(me, context.RequestAborted)).Select(FilterRenderer.Render).ToList());
    }

    private static async Task<IResult> Get(string id, HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        return MastodonJson.Ok(FilterRenderer.Render(await queries.GetAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted)));
    }

    private static async Task<IResult> Create(HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var input = await MastodonParams.ReadAsync(context.Request);
        var filter = await service.CreateAsync(me, Change(input), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.Render(filter));
    }

    private static async Task<IResult> Update(string id, HttpContext context, FilterService service, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var filterId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        await service.UpdateAsync(me, filterId, Change(input), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.Render(await queries.GetAsync(me, filterId, context.RequestAborted)));
    }

    private static async Task<IResult> Delete(string id, HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        await service.DeleteAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Keywords(string id, HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        var filter = await queries.GetAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(filter.Keywords.Select(FilterRenderer.Render).ToList());
    }

    private static async Task<IResult> AddKeyword(string id, HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var filterId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var keyword = await service.AddKeywordAsync(me, filterId, input.Value("keyword", FilterService.MaxKeyword * 4), input.Bool("whole_word"), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.Render(keyword));
    }

    private static async Task<IResult> GetKeyword(string id, HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        var (_, keyword) = await queries.KeywordAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.Render(keyword));
    }

    private static async Task<IResult> UpdateKeyword(string id, HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var keywordId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var keyword = await service.UpdateKeywordAsync(me, keywordId, input.Value("keyword", FilterService.MaxKeyword * 4), input.Bool("whole_word"), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.Render(keyword));
    }

    private static async Task<IResult> DeleteKeyword(string id, HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        await service.DeleteKeywordAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Statuses(string id, HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        var filter = await queries.GetAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(filter.Statuses.Select(FilterRenderer.Render).ToList());
    }

    private static async Task<IResult> AddStatus(string id, HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        var filterId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var added = await service.AddStatusAsync(me, filterId, input.Id("status_id"), context.RequestAborted);
        return MastodonJson.Ok(FilterRenderer.Render(added));
    }

    private static async Task<IResult> GetStatus(string id, HttpContext context, FilterQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:filters");
        return MastodonJson.Ok(FilterRenderer.Render(await queries.StatusAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted)));
    }

    private static async Task<IResult> DeleteStatus(string id, HttpContext context, FilterService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:filters");
        await service.DeleteStatusAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    /// <summary>The fields of a create or update; an absent field is left as it is, an empty expires_in means never.</summary>
    private static FilterChange Change(MastodonParams input)
    {
        var keywords = input.Indexed("keywords_attributes").Select(row => new KeywordChange(
            row.TryGetValue("id", out var id) && id.Length > 0 ? Ids.Optional(id, "keywords_attributes") : null,
            row.GetValueOrDefault("keyword"),
            ReadBool(row.GetValueOrDefault("whole_word"), "whole_word"),
            ReadBool(row.GetValueOrDefault("_destroy"), "_destroy") ?? false)).ToList();
        return new FilterChange(
            input.Value("title", FilterService.MaxTitle * 4),
            input.Has("context") ? FilterNames.ParseContexts(input.List("context")) ?? FilterContexts.None : null,
            FilterNames.ParseAction(input.Value("filter_action", 20)),
            input.Has("expires_in"),
            ExpiresIn(input),
            keywords);
    }

    internal static long? ExpiresIn(MastodonParams input)
    {
        var value = input.Value("expires_in", 20);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }
        return long.TryParse(value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? seconds
            : throw KindredException.Invalid("expires_in", "expires_in must be a whole number of seconds.");
    }

    private static bool? ReadBool(string? value, string name) => value?.ToLowerInvariant() switch
    {
        null or "" => null,
        "true" or "1" or "on" or "yes" or "t" => true,
        "false" or "0" or "off" or "no" or "f" => false,
        _ => throw KindredException.Invalid(name, $"{name} must be true or false."),
    };
}
