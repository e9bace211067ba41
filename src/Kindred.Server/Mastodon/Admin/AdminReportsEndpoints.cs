using Kindred.Core.Common;
using Kindred.Core.Moderation;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Admin;

/// <summary>
/// Mastodon's admin reports API (docs: methods/admin/reports) over the moderation console's service (ADR 67, 72): the
/// same rules and the same audit entries as the web pages. A token needs admin:read:reports or admin:write:reports (or
/// admin:read / admin:write) and a moderator, admin or owner behind it, read from the database on every call.
/// </summary>
public static class AdminReportsEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapAdminReportsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/admin/reports", List).WithTags("Admin")
            .WithSummary("Reports for moderators: open ones unless resolved=true; account_id (who filed), target_account_id (about whom); paged by id");
        api.MapGet("/v1/admin/reports/{id}", Get).WithTags("Admin").WithSummary("One report, with its snapshot of the posts");
        api.MapPut("/v1/admin/reports/{id}", Update).WithTags("Admin").WithSummary("Change a report's category (spam|legal|violation|other) and rule_ids[]");
        api.MapPost("/v1/admin/reports/{id}/assign_to_self", AssignToSelf).WithTags("Admin").WithSummary("Take the report on");
        api.MapPost("/v1/admin/reports/{id}/unassign", Unassign).WithTags("Admin").WithSummary("Give the report back to the queue");
        api.MapPost("/v1/admin/reports/{id}/resolve", Resolve).WithTags("Admin").WithSummary("Close the report with no action against anyone");
        api.MapPost("/v1/admin/reports/{id}/reopen", Reopen).WithTags("Admin").WithSummary("Open a decided report again");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, ModerationDirectory directory, AdminRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read:reports");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, DefaultLimit, MaxLimit);
        // Mastodon lists the open reports unless asked for the resolved ones.
        var filter = new ReportFilter(input.Bool("resolved") ?? false, input.Id("account_id"), input.Id("target_account_id"));
        var reports = await directory.ReportsAsync(me, filter, page, MaxLimit, context.RequestAborted);
        Pagination.SetLink(context, urls, reports.Select(r => r.Report.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.ReportsAsync(reports, me, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, ModerationDirectory directory, AdminRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read:reports");
        return await RenderAsync(context, directory, renderer, me, Ids.ParseOrNotFound(id));
    }

    private static async Task<IResult> Update(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write:reports");
        var reportId = Ids.ParseOrNotFound(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var rules = input.Has("rule_ids")
            ? input.List("rule_ids").Take(100).Select(rule => Ids.TryParse(rule, out var ruleId) && ruleId > 0 ? ruleId : throw KindredException.Invalid("rule_ids", "Choose rules of this server.")).ToList()
            : null;
        await moderation.UpdateReportAsync(me, reportId, ParseCategory(input.Value("category", 20)), rules, context.RequestAborted);
        return await RenderAsync(context, directory, renderer, me, reportId);
    }

    private static Task<IResult> AssignToSelf(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        ActAsync(context, directory, renderer, id, (me, reportId, ct) => moderation.AssignToSelfAsync(me, reportId, ct));

    private static Task<IResult> Unassign(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        ActAsync(context, directory, renderer, id, (me, reportId, ct) => moderation.UnassignAsync(me, reportId, ct));

    private static Task<IResult> Resolve(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        ActAsync(context, directory, renderer, id, (me, reportId, ct) => moderation.DismissAsync(me, reportId, ct));

    private static Task<IResult> Reopen(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        ActAsync(context, directory, renderer, id, (me, reportId, ct) => moderation.ReopenAsync(me, reportId, ct));

    private static async Task<IResult> ActAsync(HttpContext context, ModerationDirectory directory, AdminRenderer renderer, string id,
        Func<long, long, CancellationToken, Task<Report>> act)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write:reports");
        var reportId = Ids.ParseOrNotFound(id);
        await act(me, reportId, context.RequestAborted);
        return await RenderAsync(context, directory, renderer, me, reportId);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, ModerationDirectory directory, AdminRenderer renderer, long me, long reportId)
    {
        var report = await directory.ReportAsync(me, reportId, context.RequestAborted);
        return MastodonJson.Ok((await renderer.ReportsAsync([report], me, context.RequestAborted))[0]);
    }

    private static ReportCategory? ParseCategory(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" => null,
        "spam" => ReportCategory.Spam,
        "legal" => ReportCategory.Legal,
        "violation" => ReportCategory.Violation,
        "other" => ReportCategory.Other,
        _ => throw KindredException.Invalid("category", "category must be spam, legal, violation or other."),
    };
}
