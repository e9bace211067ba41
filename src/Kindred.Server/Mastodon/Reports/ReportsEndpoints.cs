using Kindred.Core.Common;
using Kindred.Core.Reports;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Reports;

/// <summary>POST /api/v1/reports (Mastodon docs: methods/reports). Unknown accounts, and attached posts that are unknown
/// or that the reporter may not read, are 404; posts of another account, unknown rules or an over-long comment are 422.</summary>
public static class ReportsEndpoints
{
    public static RouteGroupBuilder MapReportsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v1/reports", FileReport).WithTags("Reports")
            .WithSummary("Report an account (and some of its posts) to the moderators (category spam|legal|violation|other, rule_ids[] for violation)");
        return api;
    }

    private static async Task<IResult> FileReport(HttpContext context, ReportService reports, ReportRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:reports");
        var input = await MastodonParams.ReadAsync(context.Request);
        var accountId = input.Value("account_id", 30) is { Length: > 0 } text
            ? ParseId(text, "account_id", notFound: true)
            : throw KindredException.Invalid("account_id", "account_id is required.");
        var report = await reports.CreateAsync(me, new NewReport(
            accountId,
            input.List("status_ids").Take(ReportService.MaxStatuses + 1).Select(id => ParseId(id, "status_ids", notFound: true)).ToList(),
            input.Value("comment", 10_000),
            ParseCategory(input.Value("category", 20)),
            input.List("rule_ids").Take(100).Select(id => ParseId(id, "rule_ids", notFound: false)).ToList(),
            input.Bool("forward") ?? false), context.RequestAborted);
        return MastodonJson.Ok((await renderer.RenderManyAsync([report], me, context.RequestAborted))[0]);
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

    /// <summary>An id that cannot be a snowflake names nothing: "not found" for accounts and posts, invalid for rules.</summary>
    private static long ParseId(string value, string field, bool notFound) =>
        Ids.TryParse(value, out var id) && id > 0
            ? id
            : notFound ? throw KindredException.NotFound() : throw KindredException.Invalid(field, "Choose rules of this server.");
}
