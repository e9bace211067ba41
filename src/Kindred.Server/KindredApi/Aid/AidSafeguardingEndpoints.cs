using System.Globalization;
using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.KindredApi.Aid;

/// <summary>
/// Kindred extensions for safeguarding and matching (ADR 31): staff manage vetted helpers (admin scopes, staff roles),
/// admins appoint safeguarding leads, members choose what they can help with, an item's owner reads its matches, staff
/// read the figures and safeguarding leads the audit trail. Someone else's item is a 404, a role too low a 403.
/// </summary>
public static class AidSafeguardingEndpoints
{
    public static RouteGroupBuilder MapAidSafeguardingEndpoints(this RouteGroupBuilder api)
    {
        var vetted = api.MapGroup("/v1/admin/kindred/vetted_helpers").WithTags("Aid safeguarding (Kindred)");
        vetted.MapGet("", VettedHelpers).WithSummary("Staff only: vetted-helper grants, current and revoked, newest first (current=true for the current ones)");
        vetted.MapPost("", Grant).WithSummary("Staff only: grant vetted-helper status (username, vetted_on yyyy-mm-dd, note ≤ 2000)");
        vetted.MapPost("/{id}/revoke", Revoke).WithSummary("Staff only: revoke a grant with a note; the row stays in the history");

        var leads = api.MapGroup("/v1/admin/kindred/safeguarding_leads").WithTags("Aid safeguarding (Kindred)");
        leads.MapGet("", Leads).WithSummary("Admins only: the safeguarding leads");
        leads.MapPost("", AddLead).WithSummary("Admins only: make a member (username) a safeguarding lead");
        leads.MapDelete("/{id}", RemoveLead).WithSummary("Admins only: a member (account id) stops being a safeguarding lead");

        api.MapGet("/v1/admin/kindred/aid/figures", Figures).WithTags("Aid safeguarding (Kindred)")
            .WithSummary("Staff only: median time to first response and to fulfilment, fulfilment rate, overall, by category and by area, for requests posted in [from, to) (dates; default the last 30 days)");

        var helping = api.MapGroup("/v1/kindred/aid/helping").WithTags("Aid safeguarding (Kindred)");
        helping.MapGet("", Helping).WithSummary("The categories the caller can help with and how far from home");
        helping.MapPut("", SetHelping).WithSummary("Replace the caller's helper opt-ins (categories[][category], categories[][radius_km] 1–100); empty to stop");

        api.MapGet("/v1/kindred/aid/{id}/matches", Matches).WithTags("Aid safeguarding (Kindred)")
            .WithSummary("The owner of an item only: fitting offers (for a request) or requests (for an offer), best first, and how many helpers fit");
        api.MapGet("/v1/kindred/safeguarding/views", Views).WithTags("Aid safeguarding (Kindred)")
            .WithSummary("Safeguarding leads only: who opened which sensitive item, when and how, newest first (item_id; max_id, since_id, min_id, limit; Link header)");
        return api;
    }

    private static async Task<IResult> VettedHelpers(HttpContext context, AidRoleService roles)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var rows = await roles.VettedHelpersAsync(me, input.Bool("current") ?? false, context.RequestAborted);
        return MastodonJson.Ok(rows.Select(AidSafeguardingRenderer.Render).ToList());
    }

    private static async Task<IResult> Grant(HttpContext context, AidRoleService roles)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var row = await roles.GrantAsync(me, input.Value("username", 100), Date(input.Value("vetted_on", 20), "vetted_on"), input.Value("note", 4000), context.RequestAborted);
        return MastodonJson.Ok(AidSafeguardingRenderer.Render(row));
    }

    private static async Task<IResult> Revoke(string id, HttpContext context, AidRoleService roles)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var row = await roles.RevokeAsync(me, StatusesEndpoints.ParseId(id), input.Value("note", 4000), context.RequestAborted);
        return MastodonJson.Ok(AidSafeguardingRenderer.Render(row));
    }

    private static async Task<IResult> Leads(HttpContext context, AidRoleService roles)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read");
        return MastodonJson.Ok((await roles.LeadsAsync(me, context.RequestAborted)).Select(AidSafeguardingRenderer.Render).ToList());
    }

    private static async Task<IResult> AddLead(HttpContext context, AidRoleService roles)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        var input = await MastodonParams.ReadAsync(context.Request);
        return MastodonJson.Ok(AidSafeguardingRenderer.Render(await roles.SetLeadAsync(me, input.Value("username", 100), true, context.RequestAborted)));
    }

    private static async Task<IResult> RemoveLead(string id, HttpContext context, AidRoleService roles, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write");
        await roles.RequireAsync(me, Core.Accounts.Roles.CanAppointSafeguardingLeads, "Only admins appoint safeguarding leads.", context.RequestAborted);
        var accountId = StatusesEndpoints.ParseId(id);
        var username = await db.Accounts.Where(a => a.Id == accountId && a.Domain == null).Select(a => a.Username).FirstOrDefaultAsync(context.RequestAborted)
            ?? throw KindredException.NotFound();
        return MastodonJson.Ok(AidSafeguardingRenderer.Render(await roles.SetLeadAsync(me, username, false, context.RequestAborted)));
    }

    private static async Task<IResult> Figures(HttpContext context, AidFigures figures, TimeProvider time)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var today = DateOnly.FromDateTime(time.UtcNow());
        var to = Date(input.Value("to", 20), "to") ?? today.AddDays(1);
        var from = Date(input.Value("from", 20), "from") ?? to.AddDays(-30);
        var report = await figures.ReportAsync(me, from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), context.RequestAborted);
        return MastodonJson.Ok(AidSafeguardingRenderer.Render(report));
    }

    private static async Task<IResult> Helping(HttpContext context, AidHelpingService helping)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        return MastodonJson.Ok((await helping.GetAsync(me, context.RequestAborted)).Select(AidSafeguardingRenderer.Render).ToList());
    }

    private static async Task<IResult> SetHelping(HttpContext context, AidHelpingService helping)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var choices = input.Indexed("categories").Select(row => new AidHelpingChoice(
            row.GetValueOrDefault("category") ?? "",
            int.TryParse(row.GetValueOrDefault("radius_km"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var km) ? km
                : throw KindredException.Invalid("radius_km", "radius_km must be a whole number of kilometres."))).ToList();
        if (choices.Count == 0 && input.List("categories").Count > 0)
        {
            throw KindredException.Invalid("categories", "Give each category as an object with category and radius_km.");
        }
        return MastodonJson.Ok((await helping.SetAsync(me, choices, context.RequestAborted)).Select(AidSafeguardingRenderer.Render).ToList());
    }

    private static async Task<IResult> Matches(string id, HttpContext context, AidMatching matching, KindredDbContext db, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var suggestions = await matching.SuggestionsAsync(StatusesEndpoints.ParseId(id), me, context.RequestAborted);
        var slugs = await db.AidCategories.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Slug, context.RequestAborted);
        return MastodonJson.Ok(AidSafeguardingRenderer.Render(suggestions, slugs, urls.Base));
    }

    private static async Task<IResult> Views(HttpContext context, AidAuditQueries audit, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, AidAuditQueries.DefaultLimit, AidAuditQueries.MaxLimit);
        var item = input.Value("item_id", 30) is { Length: > 0 } value ? StatusesEndpoints.ParseId(value) : (long?)null;
        var rows = await audit.ViewsAsync(me, item, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.Id).ToList(), page.Limit);
        return MastodonJson.Ok(rows.Select(AidSafeguardingRenderer.Render).ToList());
    }

    private static DateOnly? Date(string? value, string field) =>
        string.IsNullOrWhiteSpace(value) ? null
        // A window of real years: the figures add days either side, which overflows at 0001-01-01 and 9999-12-31.
        : DateOnly.TryParseExact(value.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) && day.Year is >= 1900 and <= 2200 ? day
        : throw KindredException.Invalid(field, $"{field} must be a date (yyyy-mm-dd) between the years 1900 and 2200.");
}
