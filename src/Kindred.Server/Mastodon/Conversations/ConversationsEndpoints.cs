using Kindred.Core.Conversations;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Conversations;

/// <summary>Direct conversations (Mastodon docs: methods/conversations). Each member sees only the conversations they
/// are in; any other id is a 404.</summary>
public static class ConversationsEndpoints
{
    public static RouteGroupBuilder MapConversationsEndpoints(this RouteGroupBuilder api)
    {
        var conversations = api.MapGroup("/v1/conversations").WithTags("Conversations");
        conversations.MapGet("", List).WithSummary("The caller's direct conversations, newest message first");
        conversations.MapPost("/{id}/read", Read).WithSummary("Mark a conversation as read");
        conversations.MapDelete("/{id}", Remove).WithSummary("Remove a conversation from the list until a new message arrives");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, ConversationQueries queries, ConversationRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:statuses");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), ConversationQueries.DefaultLimit, ConversationQueries.MaxLimit);
        var views = await queries.ListAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, views.Select(v => v.PageId).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(views, me, context.RequestAborted));
    }

    private static async Task<IResult> Read(string id, HttpContext context, ConversationService service, ConversationQueries queries, ConversationRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:conversations");
        var conversationId = StatusesEndpoints.ParseId(id);
        await service.MarkReadAsync(me, conversationId, context.RequestAborted);
        var view = await queries.GetAsync(me, conversationId, context.RequestAborted);
        return MastodonJson.Ok((await renderer.RenderManyAsync([view], me, context.RequestAborted))[0]);
    }

    private static async Task<IResult> Remove(string id, HttpContext context, ConversationService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:conversations");
        await service.RemoveAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }
}
