using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.KindredApi.Aid;

/// <summary>
/// Kindred extension: the safeguarding leads' queue of "I feel unsafe" escalations and their reviews (ADR 30). Only
/// current safeguarding leads may call these (403 for everyone else, moderators and admins included).
/// </summary>
public static class SafeguardingEndpoints
{
    public static RouteGroupBuilder MapSafeguardingEndpoints(this RouteGroupBuilder api)
    {
        var escalations = api.MapGroup("/v1/kindred/safeguarding/escalations").WithTags("Safeguarding (Kindred)");
        escalations.MapGet("", Queue).WithSummary("Leads only: escalations newest first, waiting ones only unless all=true (paged; Link header)");
        escalations.MapGet("/{eid}", Get).WithSummary("Leads only: one escalation with its conversation and messages");
        escalations.MapPost("/{eid}/review", Review)
            .WithSummary("Leads only: review an escalation (action: resume or close; note ≤ 2000 required; close_item with close)");
        return api;
    }

    private static async Task<IResult> Queue(HttpContext context, AidEscalationQueries queries, AidResponseRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, AidEscalationQueries.DefaultLimit, AidEscalationQueries.MaxLimit);
        var rows = await queries.QueueAsync(me, !(input.Bool("all") ?? false), page, context.RequestAborted);
        var conversations = await queries.ConversationsAsync(me, rows, context.RequestAborted);
        var rendered = (await renderer.RenderManyAsync(conversations.Values.ToList(), me, context.RequestAborted)).ToDictionary(c => c.Id);
        Pagination.SetLink(context, urls, rows.Select(e => e.Id).ToList(), page.Limit);
        return MastodonJson.Ok(rows.Select(e => AidResponseRenderer.Render(e, rendered.GetValueOrDefault(e.ResponseId.ToString(System.Globalization.CultureInfo.InvariantCulture)))).ToList());
    }

    private static async Task<IResult> Get(string eid, HttpContext context, AidEscalationQueries queries, AidConversationQueries conversations, AidResponseRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var (escalation, conversation) = await queries.GetAsync(me, StatusesEndpoints.ParseId(eid), context.RequestAborted);
        var messages = await conversations.AllMessagesAsync(conversation, context.RequestAborted);
        return MastodonJson.Ok(new
        {
            Escalation = AidResponseRenderer.Render(escalation, await renderer.RenderAsync(conversation, me, context.RequestAborted)),
            Messages = messages.Select(AidResponseRenderer.Render).ToList(),
        });
    }

    private static async Task<IResult> Review(string eid, HttpContext context, AidResponseService service, AidEscalationQueries queries, AidResponseRenderer renderer, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        // Whoever is not a lead hears only that, whatever they sent.
        await AidEscalationQueries.RequireLeadAsync(db, me, context.RequestAborted);
        var input = await MastodonParams.ReadAsync(context.Request);
        var resume = input.Value("action", 20) switch
        {
            "resume" => true,
            "close" => false,
            _ => throw KindredException.Invalid("action", "Choose resume or close."),
        };
        var id = StatusesEndpoints.ParseId(eid);
        var escalation = await service.ReviewAsync(me, id, resume, input.Value("note", 20_000), input.Bool("close_item") ?? false, context.RequestAborted);
        var (_, conversation) = await queries.GetAsync(me, id, context.RequestAborted);
        return MastodonJson.Ok(AidResponseRenderer.Render(escalation, await renderer.RenderAsync(conversation, me, context.RequestAborted)));
    }
}
