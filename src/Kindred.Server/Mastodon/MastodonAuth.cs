using System.Security.Claims;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Organizations;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.OAuth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Kindred.Server.Mastodon;

/// <summary>Who is calling the API: a user token, an app token, or nobody. Scope checks follow Mastodon's
/// answers: 401 for a missing or bad token, 403 for a scope the token lacks, 422 when an app token calls a
/// user method.</summary>
public static class MastodonAuth
{
    private const string PrincipalKey = "kindred:api-principal";
    private const string ActorKey = "kindred:api-actor";

    public static async Task<ClaimsPrincipal?> PrincipalAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(PrincipalKey, out var cached))
        {
            return cached as ClaimsPrincipal;
        }
        ClaimsPrincipal? principal = null;
        if (context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("access_token"))
        {
            var result = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
            if (!result.Succeeded)
            {
                throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
            }
            principal = result.Principal;
            if (principal.GetTokenId() is { } tokenId && UserId(principal) is not null)
            {
                await context.RequestServices.GetRequiredService<TokenUses>().TouchAsync(
                    context.RequestServices.GetRequiredService<KindredDbContext>(), tokenId, context.RequestAborted);
            }
        }
        context.Items[PrincipalKey] = principal;
        return principal;
    }

    /// <summary>The signed-in user's account id, if the caller holds a user token (optional authentication).</summary>
    public static async Task<long?> ViewerAsync(HttpContext context)
    {
        var principal = await PrincipalAsync(context);
        return await ActorAsync(context, principal);
    }

    /// <summary>Requires a user token with one of <paramref name="scopes"/>; returns the user's account id.</summary>
    public static async Task<long> RequireUserAsync(HttpContext context, params string[] scopes)
    {
        var principal = await PrincipalAsync(context) ?? throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        RequireScope(principal, scopes);
        return await ActorAsync(context, principal) ?? throw KindredException.Invalid("token", "This method requires an authenticated user");
    }

    /// <summary>Requires any token (user or app) with <paramref name="scope"/>.</summary>
    public static async Task<ClaimsPrincipal> RequireTokenAsync(HttpContext context, string scope)
    {
        var principal = await PrincipalAsync(context) ?? throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        RequireScope(principal, scope);
        return principal;
    }

    /// <summary>
    /// Who reads statuses: anonymous without a token, otherwise the token must carry <paramref name="scope"/>; a user
    /// token counts as a member only while that member is active (a disabled member's old token reads nothing more
    /// than an anonymous visitor could).
    /// </summary>
    public static async Task<Viewer> ReaderAsync(HttpContext context, string scope)
    {
        var principal = await PrincipalAsync(context);
        if (principal is null)
        {
            return Viewer.Anonymous;
        }
        RequireScope(principal, scope);
        if (await ActorAsync(context, principal) is not { } id)
        {
            return Viewer.App;
        }
        var db = context.RequestServices.GetRequiredService<KindredDbContext>();
        return await db.Users.Active().AnyAsync(u => u.Id == id, context.RequestAborted)
            ? Viewer.Member(id)
            : throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
    }

    /// <summary>
    /// The account a user token acts for: its user, or the organization's account when the staff member granted the app
    /// "act as the organization" (ADR 65). The grant holds only while the staff member may still act as it (role and
    /// status read from the database on every request); otherwise the token is refused, never quietly turned back into
    /// the staff member's own. While a request acts as the organization, everything it writes is recorded in the audit
    /// log as done by the staff member.
    /// </summary>
    private static async Task<long?> ActorAsync(HttpContext context, ClaimsPrincipal? principal)
    {
        var userId = UserId(principal);
        if (userId is not { } staffId || !OrganizationGrant.IsGranted(principal!))
        {
            return userId;
        }
        if (context.Items.TryGetValue(ActorKey, out var known))
        {
            return (long)known!;
        }
        var voice = context.RequestServices.GetRequiredService<OrganizationVoice>();
        var organizationId = await voice.AccountForAsync(staffId, context.RequestAborted)
            ?? throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        // Recording lasts until the request's scope ends (the voice is scoped and stops when disposed).
        voice.Begin(staffId, organizationId);
        context.Items[ActorKey] = organizationId;
        return organizationId;
    }

    private static void RequireScope(ClaimsPrincipal principal, params string[] scopes)
    {
        if (!scopes.Any(scope => MastodonScopes.Allows(principal, scope)))
        {
            throw KindredException.Forbidden("This action is outside the authorized scopes");
        }
    }

    private static long? UserId(ClaimsPrincipal? principal)
    {
        var subject = principal?.GetClaim(OpenIddictConstants.Claims.Subject);
        return Ids.Parse(subject);
    }
}
