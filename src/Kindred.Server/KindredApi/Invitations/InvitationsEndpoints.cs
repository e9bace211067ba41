using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Invitations;
using Kindred.Data;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Rendering;
using Kindred.Server.Mastodon;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.KindredApi.Invitations;

/// <summary>
/// Kindred extension: a member's invitation links and e-mail invitations, who joined through them, and for staff the
/// referral tree (ADR 23). Another member's invitation is a 404 on every method.
/// </summary>
public static class InvitationsEndpoints
{
    public static RouteGroupBuilder MapInvitationsEndpoints(this RouteGroupBuilder api)
    {
        var invitations = api.MapGroup("/v1/kindred/invitations").WithTags("Invitations (Kindred)");
        invitations.MapGet("", All).WithSummary("The caller's invitations, newest first (max_id, since_id, min_id, limit; Link header)");
        invitations.MapPost("", Create)
            .WithSummary("Create an invitation link, or with email an e-mail invitation (message ≤ 500, max_uses, expires_in seconds, group_id, locale)");
        invitations.MapGet("/{id}", Get).WithSummary("One of the caller's invitations");
        invitations.MapDelete("/{id}", Revoke).WithSummary("Revoke one of the caller's invitations; its link stops working");
        invitations.MapGet("/{id}/accounts", Accounts).WithSummary("The accounts that joined through one of the caller's invitations (paged)");
        api.MapGet("/v1/admin/kindred/referrals", Referrals).WithTags("Invitations (Kindred)")
            .WithSummary("Staff only: the referral tree (root, offset, limit, depth) with direct and total referrals and activity");
        return api;
    }

    private static async Task<IResult> All(HttpContext context, InvitationQueries queries, InvitationRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), InvitationQueries.DefaultLimit, InvitationQueries.MaxLimit);
        var rows = await queries.MineAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(i => i.Id).ToList(), page.Limit);
        return MastodonJson.Ok(rows.Select(renderer.Render).ToList());
    }

    private static async Task<IResult> Get(string id, HttpContext context, InvitationQueries queries, InvitationRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        return MastodonJson.Ok(renderer.Render(await queries.GetMineAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted)));
    }

    private static async Task<IResult> Create(HttpContext context, InvitationService service, InvitationRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        var expiresIn = input.WholeNumber("expires_in");
        var request = new NewInvitation(
            input.WholeNumber("max_uses"),
            expiresIn is { } seconds ? TimeSpan.FromSeconds(Math.Max(0, seconds)) : null,
            Message: input.Value("message", 2000),
            GroupId: input.Id("group_id"));
        var email = input.Value("email", 300);
        var invitation = string.IsNullOrWhiteSpace(email)
            ? await service.CreateForMemberAsync(me, request, context.RequestAborted)
            : await service.InviteByEmailAsync(me, email, input.Value("locale", 10), request, urls.Base, context.RequestAborted);
        return MastodonJson.Ok(renderer.Render(invitation));
    }

    private static async Task<IResult> Revoke(string id, HttpContext context, InvitationService service, InvitationRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        return MastodonJson.Ok(renderer.Render(await service.RevokeMineAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted)));
    }

    private static async Task<IResult> Accounts(string id, HttpContext context, InvitationQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var invitationId = StatusesEndpoints.ParseId(id);
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), InvitationQueries.DefaultLimit, InvitationQueries.MaxLimit);
        var accounts = await queries.JoinedAsync(me, invitationId, page, context.RequestAborted);
        Pagination.SetLink(context, urls, accounts.Select(a => a.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(accounts, me, context.RequestAborted));
    }

    private static async Task<IResult> Referrals(HttpContext context, InvitationQueries queries, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "admin:read");
        var role = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => u.Role).FirstOrDefaultAsync(context.RequestAborted);
        if (!Roles.CanSeeReferrals(role))
        {
            throw KindredException.Forbidden("Only staff see who brought whom.");
        }
        var input = await MastodonParams.ReadAsync(context.Request);
        var root = input.Value("root", 30) is { Length: > 0 } value ? StatusesEndpoints.ParseId(value) : (long?)null;
        var tree = await queries.ReferralsAsync(root, input.WholeNumber("offset") ?? 0, input.WholeNumber("limit") ?? 25, input.WholeNumber("depth") ?? 3, context.RequestAborted);
        return MastodonJson.Ok(InvitationRenderer.Render(tree));
    }
}
