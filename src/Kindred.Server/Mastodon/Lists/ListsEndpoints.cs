using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Lists;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Lists;

/// <summary>Lists and the list timeline (Mastodon docs: methods/lists, methods/timelines). Another member's list is a
/// 404 on every method.</summary>
public static class ListsEndpoints
{
    public static RouteGroupBuilder MapListsEndpoints(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/v1/lists").WithTags("Lists");
        lists.MapGet("", All).WithSummary("The caller's lists");
        lists.MapPost("", Create).WithSummary("Create a list (title, replies_policy, exclusive)");
        lists.MapGet("/{id}", Get).WithSummary("One of the caller's lists");
        lists.MapPut("/{id}", Update).WithSummary("Rename a list or change its options");
        lists.MapDelete("/{id}", Delete).WithSummary("Delete a list");
        lists.MapGet("/{id}/accounts", Members).WithSummary("The accounts in a list (limit=0 for all)");
        lists.MapPost("/{id}/accounts", AddMembers).WithSummary("Add accounts the caller follows (account_ids[])");
        lists.MapDelete("/{id}/accounts", RemoveMembers).WithSummary("Remove accounts from a list (account_ids[])");
        api.MapGet("/v1/accounts/{id}/lists", Holding).WithSummary("The caller's lists that hold an account").WithTags("Lists");
        api.MapGet("/v1/timelines/list/{id}", Timeline).WithSummary("Posts of a list's members (replies as its replies_policy says)").WithTags("Timelines");
        return api;
    }

    private static async Task<IResult> All(HttpContext context, ListQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:lists");
        return MastodonJson.Ok((await queries.AllAsync(me, context.RequestAborted)).Select(Render).ToList());
    }

    private static async Task<IResult> Get(string id, HttpContext context, ListQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:lists");
        return MastodonJson.Ok(Render(await queries.GetAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted)));
    }

    private static async Task<IResult> Create(HttpContext context, ListService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:lists");
        var input = await MastodonParams.ReadAsync(context.Request);
        var list = await service.CreateAsync(me, input.Value("title", 1000), ParsePolicy(input.Value("replies_policy", 20)), input.Bool("exclusive"), context.RequestAborted);
        return MastodonJson.Ok(Render(list));
    }

    private static async Task<IResult> Update(string id, HttpContext context, ListService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:lists");
        var listId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var list = await service.UpdateAsync(me, listId, input.Value("title", 1000), ParsePolicy(input.Value("replies_policy", 20)), input.Bool("exclusive"), context.RequestAborted);
        return MastodonJson.Ok(Render(list));
    }

    private static async Task<IResult> Delete(string id, HttpContext context, ListService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:lists");
        await service.DeleteAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Members(string id, HttpContext context, ListQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:lists");
        var listId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        // Mastodon answers limit=0 with every member and no paging.
        var all = input.WholeNumber("limit") == 0;
        var page = all ? new Page(null, null, null, ListQueries.MaxMembersLimit) : Pagination.Read(input, ListQueries.DefaultMembersLimit, ListQueries.MaxMembersLimit);
        var rows = await queries.MembersAsync(me, listId, page, all, context.RequestAborted);
        if (!all)
        {
            Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        }
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows.Select(r => r.Account).ToList(), me, context.RequestAborted));
    }

    private static async Task<IResult> AddMembers(string id, HttpContext context, ListService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:lists");
        var listId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        await service.AddMembersAsync(me, listId, AccountIds(input), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> RemoveMembers(string id, HttpContext context, ListService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:lists");
        var listId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        await service.RemoveMembersAsync(me, listId, AccountIds(input), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Holding(string id, HttpContext context, ListQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:lists");
        var lists = await queries.ListsHoldingAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(lists.Select(Render).ToList());
    }

    private static async Task<IResult> Timeline(string id, HttpContext context, ListQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:lists");
        var listId = StatusesEndpoints.ParseId(id);
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        var statuses = await queries.TimelineAsync(me, listId, page, context.RequestAborted);
        Pagination.SetLink(context, urls, statuses.Select(s => s.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderFilteredAsync(statuses, Viewer.Member(me), FilterContexts.Home, context.RequestAborted));
    }

    public static MastodonList Render(AccountList list) =>
        new(list.Id.ToString(CultureInfo.InvariantCulture), list.Title, PolicyName(list.RepliesPolicy), list.Exclusive);

    public static string PolicyName(ListRepliesPolicy policy) => policy switch
    {
        ListRepliesPolicy.Followed => "followed",
        ListRepliesPolicy.None => "none",
        _ => "list",
    };

    public static ListRepliesPolicy? ParsePolicy(string? value) => value switch
    {
        null or "" => null,
        "list" => ListRepliesPolicy.List,
        "followed" => ListRepliesPolicy.Followed,
        "none" => ListRepliesPolicy.None,
        _ => throw KindredException.Invalid("replies_policy", "replies_policy must be followed, list or none."),
    };

    /// <summary>account_ids[] as numbers; one that is not a number names no account, so nobody can be added with it.</summary>
    private static List<long> AccountIds(MastodonParams input) =>
        input.List("account_ids").Select(v => Ids.TryParse(v, out var n) ? n : -1).ToList();
}
