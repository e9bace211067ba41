using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.ScheduledStatuses;

/// <summary>The caller's posts waiting to be published (Mastodon docs: methods/scheduled_statuses, ADR 78). Scheduling
/// itself is <c>POST /api/v1/statuses</c> with <c>scheduled_at</c>.</summary>
public static class ScheduledStatusesEndpoints
{
    public static RouteGroupBuilder MapScheduledStatusesEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/v1/scheduled_statuses").WithTags("Scheduled statuses");
        group.MapGet("", List).WithSummary("The caller's scheduled posts");
        group.MapGet("/{id}", Get).WithSummary("One of the caller's scheduled posts");
        group.MapPut("/{id}", Reschedule).WithSummary("Move a scheduled post to another time (scheduled_at)");
        group.MapDelete("/{id}", Cancel).WithSummary("Cancel a scheduled post");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, ScheduledStatusService scheduled, ScheduledStatusRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:statuses");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), ScheduledStatusService.DefaultLimit, ScheduledStatusService.MaxLimit);
        var rows = await scheduled.ListAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, ScheduledStatusService scheduled, ScheduledStatusRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:statuses");
        var row = await scheduled.GetAsync(me, Ids.ParseOrNotFound(id), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(row, context.RequestAborted));
    }

    private static async Task<IResult> Reschedule(string id, HttpContext context, ScheduledStatusService scheduled, ScheduledStatusRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:statuses");
        var rowId = Ids.ParseOrNotFound(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        // Someone else's scheduled post is "not found" before any complaint about the date.
        await scheduled.GetAsync(me, rowId, context.RequestAborted);
        var at = ReadTime(input) ?? throw KindredException.Invalid("scheduled_at", "Give the new time as scheduled_at (ISO 8601).");
        var row = await scheduled.RescheduleAsync(me, rowId, at, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(row, context.RequestAborted));
    }

    private static async Task<IResult> Cancel(string id, HttpContext context, ScheduledStatusService scheduled)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:statuses");
        var rowId = Ids.ParseOrNotFound(id);
        await scheduled.GetAsync(me, rowId, context.RequestAborted);
        await scheduled.CancelAsync(me, rowId, context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    /// <summary>scheduled_at as ISO 8601 (a time without an offset is UTC); null when absent.</summary>
    public static DateTime? ReadTime(MastodonParams input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var value = input.Value("scheduled_at", 64);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) || at.UtcDateTime.Year is < 2000 or > 2200)
        {
            throw KindredException.Invalid("scheduled_at", "scheduled_at must be a date and time in ISO 8601 form, e.g. 2030-01-31T18:00:00Z.");
        }
        return at.UtcDateTime;
    }
}
