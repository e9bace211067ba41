using System.Net;
using System.Net.Sockets;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Moderation;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Admin;

/// <summary>
/// Mastodon's admin accounts API (docs: methods/admin/accounts) over the moderation console's services (ADR 67, 72).
/// Actions map onto strikes: none warns, sensitive marks the report's posts, silence limits, disable and suspend
/// suspend; the "un" methods undo those strikes. Applications are decided by admins and the owner, as on
/// /admin/applications. A token needs admin:read:accounts or admin:write:accounts (or admin:read / admin:write) and a
/// moderator, admin or owner behind it, read from the database on every call.
/// </summary>
public static class AdminAccountsEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 200;

    public static RouteGroupBuilder MapAdminAccountsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/admin/accounts", ListV1).WithTags("Admin")
            .WithSummary("Accounts for moderators (local, remote, active, pending, disabled, silenced, suspended, sensitized, staff, username, display_name, by_domain, email, ip); paged by id");
        api.MapGet("/v2/admin/accounts", ListV2).WithTags("Admin")
            .WithSummary("Accounts for moderators (origin, status, permissions, role_ids[], invited_by, username, display_name, email, ip); paged by id");
        api.MapGet("/v1/admin/accounts/{id}", Get).WithTags("Admin").WithSummary("One account as moderators see it");
        api.MapPost("/v1/admin/accounts/{id}/action", Act).WithTags("Admin")
            .WithSummary("Act on an account: type none|sensitive|disable|silence|suspend, text, report_id");
        api.MapPost("/v1/admin/accounts/{id}/approve", Approve).WithTags("Admin").WithSummary("Approve a pending application (admins)");
        api.MapPost("/v1/admin/accounts/{id}/reject", Reject).WithTags("Admin").WithSummary("Reject a pending application (admins)");
        api.MapPost("/v1/admin/accounts/{id}/unsilence", Unsilence).WithTags("Admin").WithSummary("Undo the account's limit");
        api.MapPost("/v1/admin/accounts/{id}/unsensitive", Unsensitive).WithTags("Admin").WithSummary("Undo the sensitive marks on the account's posts");
        api.MapPost("/v1/admin/accounts/{id}/unsuspend", Unsuspend).WithTags("Admin").WithSummary("Undo the account's suspension");
        api.MapPost("/v1/admin/accounts/{id}/enable", Enable).WithTags("Admin").WithSummary("Undo the account's suspension (Kindred has one)");
        return api;
    }

    private static async Task<IResult> ListV1(HttpContext context, ModerationDirectory directory, AdminRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var local = input.Bool("local") == true;
        var remote = input.Bool("remote") == true;
        // The first state asked for counts, in Mastodon's order.
        AccountStanding? standing = input.Bool("active") == true ? AccountStanding.Active
            : input.Bool("pending") == true ? AccountStanding.Pending
            : input.Bool("disabled") == true ? AccountStanding.Disabled
            : input.Bool("silenced") == true ? AccountStanding.Silenced
            : input.Bool("suspended") == true ? AccountStanding.Suspended
            : input.Bool("sensitized") == true ? AccountStanding.Sensitized
            : null;
        var filter = new AccountFilter(
            Local: local == remote ? null : local,
            Standing: standing,
            ModeratorsOnly: input.Bool("staff") == true,
            Username: input.Value("username", 100),
            DisplayName: input.Value("display_name", 100),
            Domain: input.Value("by_domain", 255),
            Email: Email(input),
            Ip: Network(input.Value("ip", 60)));
        return await ListAsync(context, directory, renderer, urls, me, input, filter);
    }

    private static async Task<IResult> ListV2(HttpContext context, ModerationDirectory directory, AdminRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read:accounts");
        var input = await MastodonParams.ReadAsync(context.Request);
        var filter = new AccountFilter(
            Local: input.Value("origin", 20) switch
            {
                null or "" => null,
                "local" => true,
                "remote" => false,
                _ => throw KindredException.Invalid("origin", "origin must be local or remote."),
            },
            Standing: input.Value("status", 20) switch
            {
                null or "" => null,
                "active" => AccountStanding.Active,
                "pending" => AccountStanding.Pending,
                "disabled" => AccountStanding.Disabled,
                "silenced" => AccountStanding.Silenced,
                "suspended" => AccountStanding.Suspended,
                _ => throw KindredException.Invalid("status", "status must be active, pending, disabled, silenced or suspended."),
            },
            ModeratorsOnly: input.Value("permissions", 20) switch
            {
                null or "" => false,
                "staff" => true,
                _ => throw KindredException.Invalid("permissions", "permissions must be staff."),
            },
            Roles: input.List("role_ids").Take(10).Select(Role).ToList(),
            InvitedBy: input.Id("invited_by"),
            Username: input.Value("username", 100),
            DisplayName: input.Value("display_name", 100),
            Email: Email(input),
            Ip: Network(input.Value("ip", 60)));
        return await ListAsync(context, directory, renderer, urls, me, input, filter);
    }

    private static async Task<IResult> ListAsync(HttpContext context, ModerationDirectory directory, AdminRenderer renderer, PublicUrls urls,
        long me, MastodonParams input, AccountFilter filter)
    {
        var page = Pagination.Read(input, DefaultLimit, MaxLimit);
        var accounts = await directory.AccountsAsync(me, filter, page, MaxLimit, context.RequestAborted);
        Pagination.SetLink(context, urls, accounts.Select(a => a.Account.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.AccountsAsync(accounts, me, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, ModerationDirectory directory, AdminRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read:accounts");
        return await RenderAsync(context, directory, renderer, me, Ids.ParseOrNotFound(id));
    }

    private static async Task<IResult> Act(string id, HttpContext context, ModerationService moderation, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write:accounts");
        var accountId = Ids.ParseOrNotFound(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        // warning_preset_id and send_email_notification are accepted and ignored: Kindred has no presets and always
        // tells the member (ADR 67).
        var action = input.Value("type", 20) switch
        {
            null or "" => throw KindredException.Invalid("type", "type is required: none, sensitive, disable, silence or suspend."),
            "none" => StrikeAction.Warn,
            "sensitive" => StrikeAction.MarkSensitive,
            "silence" => StrikeAction.Limit,
            "disable" or "suspend" => StrikeAction.Suspend,
            _ => throw KindredException.Invalid("type", "type must be none, sensitive, disable, silence or suspend."),
        };
        var reportId = input.Id("report_id");
        await moderation.ActOnAccountAsync(me, accountId, reportId, new NewStrike(action, input.Value("text", 10_000), []), urls.Base, context.RequestAborted);
        // Mastodon answers an empty object.
        return MastodonJson.Ok(new { });
    }

    private static Task<IResult> Approve(string id, HttpContext context, KindredDbContext db, AccountService accounts, AccountEmails emails,
        ModerationDirectory directory, AdminRenderer renderer, PublicUrls urls) =>
        DecideAsync(id, context, db, accounts, emails, directory, renderer, urls, approve: true);

    private static Task<IResult> Reject(string id, HttpContext context, KindredDbContext db, AccountService accounts, AccountEmails emails,
        ModerationDirectory directory, AdminRenderer renderer, PublicUrls urls) =>
        DecideAsync(id, context, db, accounts, emails, directory, renderer, urls, approve: false);

    /// <summary>Decides an application exactly as /admin/applications does: admins and the owner only, audited by
    /// <see cref="AccountService"/>, the applicant told by mail.</summary>
    private static async Task<IResult> DecideAsync(string id, HttpContext context, KindredDbContext db, AccountService accounts, AccountEmails emails,
        ModerationDirectory directory, AdminRenderer renderer, PublicUrls urls, bool approve)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write:accounts");
        var viewer = await ModerationAccess.RequireAsync(db, me, context.RequestAborted);
        if (!Roles.CanDecideApplications(viewer.Role))
        {
            throw KindredException.Forbidden("Only admins and the owner decide applications.");
        }
        var accountId = Ids.ParseOrNotFound(id);
        var user = approve ? await accounts.ApproveAsync(me, accountId, context.RequestAborted) : await accounts.RejectAsync(me, accountId, context.RequestAborted);
        await emails.SendApplicationDecisionAsync(user, approve, urls.Base, context.RequestAborted);
        return await RenderAsync(context, directory, renderer, me, accountId);
    }

    private static Task<IResult> Unsilence(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        LiftAsync(id, context, moderation, directory, renderer, StrikeAction.Limit);

    private static Task<IResult> Unsensitive(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        LiftAsync(id, context, moderation, directory, renderer, StrikeAction.MarkSensitive);

    private static Task<IResult> Unsuspend(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        LiftAsync(id, context, moderation, directory, renderer, StrikeAction.Suspend);

    private static Task<IResult> Enable(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer) =>
        LiftAsync(id, context, moderation, directory, renderer, StrikeAction.Suspend);

    private static async Task<IResult> LiftAsync(string id, HttpContext context, ModerationService moderation, ModerationDirectory directory, AdminRenderer renderer, StrikeAction action)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:write:accounts");
        var accountId = Ids.ParseOrNotFound(id);
        await moderation.LiftAsync(me, accountId, action, context.RequestAborted);
        return await RenderAsync(context, directory, renderer, me, accountId);
    }

    private static async Task<IResult> RenderAsync(HttpContext context, ModerationDirectory directory, AdminRenderer renderer, long me, long accountId)
    {
        var account = await directory.AccountAsync(me, accountId, context.RequestAborted);
        return MastodonJson.Ok((await renderer.AccountsAsync([account], me, context.RequestAborted))[0]);
    }

    private static string? Email(MastodonParams input) => input.Value("email", 320) is { Length: > 0 } email ? email : null;

    /// <summary>Mastodon's role ids as Kindred renders them (<see cref="AccountRenderer.RenderRole"/>): 0 member to 4 owner.</summary>
    private static UserRole Role(string value) => value switch
    {
        "0" => UserRole.Member,
        "1" => UserRole.Staff,
        "2" => UserRole.Moderator,
        "3" => UserRole.Admin,
        "4" => UserRole.Owner,
        _ => throw KindredException.Invalid("role_ids", "role_ids are 0 (member) to 4 (owner)."),
    };

    /// <summary>An address (one host) or a network in CIDR notation.</summary>
    private static IPNetwork? Network(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }
        value = value.Trim();
        if (value.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.TryParse(value, out var network) ? network : throw KindredException.Invalid("ip", "ip must be an address or a network such as 192.0.2.0/24.");
        }
        return IPAddress.TryParse(value, out var address)
            ? new IPNetwork(address, address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128)
            : throw KindredException.Invalid("ip", "ip must be an address or a network such as 192.0.2.0/24.");
    }
}
