using System.Globalization;
using Kindred.Core.Inbox;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.KindredApi.Inbox;

/// <summary>
/// The staff "needs reply" inbox as a Kindred extension (ADR 66): the same core as /staff/inbox, so the same rules
/// (staff, admins and the owner; a role taken away counts at once). Reading needs admin:read, acting admin:write.
/// </summary>
public static class InboxEndpoints
{
    public static RouteGroupBuilder MapInboxEndpoints(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/v1/kindred/inbox").WithTags("Inbox (Kindred)");
        inbox.MapGet("", List).WithSummary("Staff only: conversations (show=open|mine|unassigned|closed, default open; sort=waiting for the longest waiting first)");
        inbox.MapGet("/figures", Figures).WithSummary("Staff only: open count, oldest waiting, median and 90th percentile time to first answer per week");
        inbox.MapGet("/{id}", Get).WithSummary("Staff only: one conversation with its messages");
        inbox.MapPost("/{id}/answer", Answer).WithSummary("Staff only: answer as the organization (text; last_status_id as read; confirm=true to answer while a colleague is replying or after the conversation moved on)");
        inbox.MapPost("/{id}/done", Done).WithSummary("Staff only: mark done without answering");
        inbox.MapPost("/{id}/snooze", Snooze).WithSummary("Staff only: snooze until a time (until, ISO 8601 UTC, within 90 days)");
        inbox.MapPost("/{id}/assign", Assign).WithSummary("Staff only: assign to a staff member (username), or to nobody (empty)");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, InboxQueries inbox)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var show = input.Value("show", 20) switch
        {
            null or "" or "open" => InboxShow.Open,
            "mine" => InboxShow.Mine,
            "unassigned" => InboxShow.Unassigned,
            "closed" => InboxShow.Closed,
            _ => throw Core.Common.KindredException.Invalid("show", "show must be open, mine, unassigned or closed."),
        };
        var sort = input.Value("sort", 20);
        if (sort is not (null or "" or "waiting" or "newest"))
        {
            throw Core.Common.KindredException.Invalid("sort", "sort must be waiting or newest.");
        }
        var rows = await inbox.ListAsync(me, new InboxFilter(show, sort == "waiting"), context.RequestAborted);
        return MastodonJson.Ok(rows.Select(r => Render(r, null, null)).ToList());
    }

    private static async Task<IResult> Figures(HttpContext context, InboxQueries inbox)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read");
        var figures = await inbox.FiguresAsync(me, context.RequestAborted);
        return MastodonJson.Ok(new InboxFiguresDto(figures.Open, figures.OldestWaiting, figures.Weeks.Select(w => new InboxWeekDto(
            w.Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), w.Opened, w.Answered,
            w.Median is { } median ? (long)median.TotalSeconds : null, w.Percentile90 is { } p90 ? (long)p90.TotalSeconds : null)).ToList()));
    }

    private static async Task<IResult> Get(string id, HttpContext context, InboxQueries inbox)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read");
        return MastodonJson.Ok(await ThreadAsync(inbox, me, StatusesEndpoints.ParseId(id), context));
    }

    private static async Task<IResult> Answer(string id, HttpContext context, InboxService actions, InboxQueries inbox, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var conversationId = StatusesEndpoints.ParseId(id);
        await actions.AnswerAsync(me, conversationId, input.Value("text", 10_000), input.Id("last_status_id"), input.Bool("confirm") ?? false, urls.Base, context.RequestAborted);
        return MastodonJson.Ok(await ThreadAsync(inbox, me, conversationId, context));
    }

    private static async Task<IResult> Done(string id, HttpContext context, InboxService actions, InboxQueries inbox)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var conversationId = StatusesEndpoints.ParseId(id);
        await actions.DoneAsync(me, conversationId, context.RequestAborted);
        return MastodonJson.Ok(await ThreadAsync(inbox, me, conversationId, context));
    }

    private static async Task<IResult> Snooze(string id, HttpContext context, InboxService actions, InboxQueries inbox)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var conversationId = StatusesEndpoints.ParseId(id);
        var until = input.Value("until", 40) is { Length: > 0 } text
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            ? at : (DateTime?)null;
        await actions.SnoozeAsync(me, conversationId, until, context.RequestAborted);
        return MastodonJson.Ok(await ThreadAsync(inbox, me, conversationId, context));
    }

    private static async Task<IResult> Assign(string id, HttpContext context, InboxService actions, InboxQueries inbox)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var conversationId = StatusesEndpoints.ParseId(id);
        await actions.AssignAsync(me, conversationId, input.Value("username", 100), context.RequestAborted);
        return MastodonJson.Ok(await ThreadAsync(inbox, me, conversationId, context));
    }

    private static async Task<InboxConversationDto> ThreadAsync(InboxQueries inbox, long me, long id, HttpContext context)
    {
        var thread = await inbox.ThreadAsync(me, id, context.RequestAborted);
        return Render(thread.Conversation, thread.LastStatusId, thread.Messages);
    }

    private static InboxConversationDto Render(InboxRow row, long? lastStatusId, IReadOnlyList<InboxMessageView>? messages) => new(
        row.Id.ToString(CultureInfo.InvariantCulture), row.Username, row.Kind, row.State.ToString().ToLowerInvariant(),
        row.WaitingSince, row.LastMessageAt, row.SnoozedUntil, row.AssignedTo, row.Replying, row.LastText,
        lastStatusId?.ToString(CultureInfo.InvariantCulture),
        messages?.Select(m => new InboxMessageDto(m.StatusId.ToString(CultureInfo.InvariantCulture), m.Username, m.FromOrganization, m.Text, m.SpoilerText, m.CreatedAt)).ToList());
}
