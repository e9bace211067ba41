using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.KindredApi.Aid;

/// <summary>
/// Kindred extension: answering aid items and the private conversations that follow (ADR 27, 30). A conversation is
/// read by its two parties and, after "I feel unsafe", by safeguarding leads; to anyone else it is a 404 on every method.
/// </summary>
public static class AidResponsesEndpoints
{
    public static RouteGroupBuilder MapAidResponsesEndpoints(this RouteGroupBuilder api)
    {
        var aid = api.MapGroup("/v1/kindred/aid").WithTags("Aid conversations (Kindred)");
        aid.MapPost("/{id}/responses", Answer).WithSummary("Answer an aid item (\"I can help\" / \"I'd like this\") with a first message (text ≤ 5000)");
        aid.MapGet("/{id}/responses", ForItem).WithSummary("The owner's list of answers to their item, newest first (paged; Link header)");
        aid.MapPost("/{id}/fulfil", Fulfil).WithSummary("The owner marks their open or in-progress item fulfilled; answers with the item, like close and reopen")
            .Produces<AidItemDto>();
        aid.MapGet("/responses", Mine).WithSummary("The caller's aid conversations on either side, newest first (paged; Link header)");
        aid.MapGet("/responses/{rid}", Get).WithSummary("One aid conversation (its parties; leads once escalated)");
        aid.MapGet("/responses/{rid}/messages", Messages).WithSummary("The conversation's messages, newest first (paged; Link header)");
        aid.MapPost("/responses/{rid}/messages", Send).WithSummary("Send a message (text ≤ 5000); refused while paused or after a decline or withdrawal");
        aid.MapPost("/responses/{rid}/accept", Accept).WithSummary("The owner accepts this answer; the item is then in progress");
        aid.MapPost("/responses/{rid}/decline", Decline).WithSummary("The owner declines this answer; the conversation ends");
        aid.MapPost("/responses/{rid}/withdraw", Withdraw).WithSummary("The responder withdraws their answer; the conversation ends");
        aid.MapPost("/responses/{rid}/unsafe", Unsafe).WithSummary("\"I feel unsafe\" (optional reason ≤ 2000): pauses the conversation and alerts the safeguarding leads");
        aid.MapPost("/responses/{rid}/thanks", Thank).WithSummary("The owner thanks the accepted helper (text ≤ 1000; share: show it on the helper's profile if they agree)");
        aid.MapPost("/responses/{rid}/thanks/share", ShareThanks).WithSummary("Either party says whether the thanks may show on the helper's profile (share: true or false)");
        return api;
    }

    private static async Task<IResult> Answer(string id, HttpContext context, AidResponseService service, AidConversationQueries queries, AidResponseRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var response = await service.AnswerAsync(me, StatusesEndpoints.ParseId(id), input.Value("text", 20_000), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(me, response.Id, context.RequestAborted), me, context.RequestAborted));
    }

    private static async Task<IResult> ForItem(string id, HttpContext context, AidConversationQueries queries, AidResponseRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), AidConversationQueries.DefaultLimit, AidConversationQueries.MaxLimit);
        var rows = await queries.ForItemAsync(me, StatusesEndpoints.ParseId(id), page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(c => c.Response.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows, me, context.RequestAborted));
    }

    private static async Task<IResult> Mine(HttpContext context, AidConversationQueries queries, AidResponseRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), AidConversationQueries.DefaultLimit, AidConversationQueries.MaxLimit);
        var rows = await queries.MineAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(c => c.Response.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows, me, context.RequestAborted));
    }

    private static async Task<IResult> Get(string rid, HttpContext context, AidConversationQueries queries, AidResponseRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(me, StatusesEndpoints.ParseId(rid), context.RequestAborted), me, context.RequestAborted));
    }

    private static async Task<IResult> Messages(string rid, HttpContext context, AidConversationQueries queries, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var conversation = await queries.GetAsync(me, StatusesEndpoints.ParseId(rid), context.RequestAborted);
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), 40, 80);
        var rows = await queries.MessagesAsync(conversation, page with { Limit = Math.Min(page.Limit, 80) }, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(m => m.Id).ToList(), page.Limit);
        return MastodonJson.Ok(rows.Select(AidResponseRenderer.Render).ToList());
    }

    private static async Task<IResult> Send(string rid, HttpContext context, AidResponseService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var message = await service.SendAsync(me, StatusesEndpoints.ParseId(rid), input.Value("text", 20_000), context.RequestAborted);
        return MastodonJson.Ok(AidResponseRenderer.Render(message));
    }

    private static Task<IResult> Accept(string rid, HttpContext context, AidResponseService service, AidConversationQueries queries, AidResponseRenderer renderer) =>
        ChangeAsync(rid, context, queries, renderer, (me, id, ct) => service.AcceptAsync(me, id, ct));

    private static Task<IResult> Decline(string rid, HttpContext context, AidResponseService service, AidConversationQueries queries, AidResponseRenderer renderer) =>
        ChangeAsync(rid, context, queries, renderer, (me, id, ct) => service.DeclineAsync(me, id, ct));

    private static Task<IResult> Withdraw(string rid, HttpContext context, AidResponseService service, AidConversationQueries queries, AidResponseRenderer renderer) =>
        ChangeAsync(rid, context, queries, renderer, (me, id, ct) => service.WithdrawAsync(me, id, ct));

    private static async Task<IResult> ChangeAsync(string rid, HttpContext context, AidConversationQueries queries, AidResponseRenderer renderer, Func<long, long, CancellationToken, Task> change)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var id = StatusesEndpoints.ParseId(rid);
        await change(me, id, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(me, id, context.RequestAborted), me, context.RequestAborted));
    }

    private static async Task<IResult> Unsafe(string rid, HttpContext context, AidResponseService service, AidConversationQueries queries, AidResponseRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var id = StatusesEndpoints.ParseId(rid);
        var escalation = await service.RaiseUnsafeAsync(me, id, input.Value("reason", 20_000), context.RequestAborted);
        var conversation = await renderer.RenderAsync(await queries.GetAsync(me, id, context.RequestAborted), me, context.RequestAborted);
        return MastodonJson.Ok(AidResponseRenderer.Render(escalation, conversation));
    }

    private static async Task<IResult> Fulfil(string id, HttpContext context, AidResponseService service, AidQueries queries, AidRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var item = await service.FulfilAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return await AidEndpoints.OwnAsync(context, me, item.Id, queries, renderer);
    }

    private static async Task<IResult> Thank(string rid, HttpContext context, AidResponseService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var thanks = await service.ThankAsync(me, StatusesEndpoints.ParseId(rid), input.Value("text", 20_000), input.Bool("share") ?? false, context.RequestAborted);
        return MastodonJson.Ok(AidResponseRenderer.Render(thanks));
    }

    private static async Task<IResult> ShareThanks(string rid, HttpContext context, AidResponseService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var share = input.Bool("share") ?? throw KindredException.Invalid("share", "Say true or false.");
        return MastodonJson.Ok(AidResponseRenderer.Render(await service.ShareThanksAsync(me, StatusesEndpoints.ParseId(rid), share, context.RequestAborted)));
    }
}
