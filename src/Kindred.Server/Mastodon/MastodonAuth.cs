using System.Security.Claims;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Organizations;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
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
    private const string KeptKey = "kindred:api-kept-token";

    public static async Task<ClaimsPrincipal?> PrincipalAsync(HttpContext context)
    {
        if (context.Items.TryGetValue(PrincipalKey, out var cached))
        {
            return cached as ClaimsPrincipal;
        }
        ClaimsPrincipal? principal = null;
        if (context.Request.Headers.Authorization.Count > 0 || context.Request.Query.ContainsKey("access_token"))
        {
            // A token validated before is kept until its member's access ends (ADR 89); only a plain bearer token is kept,
            // anything unusual goes through OpenIddict every time.
            var cache = context.RequestServices.GetRequiredService<CredentialCache>();
            var raw = BearerToken(context.Request);
            var kept = raw is null ? null : cache.Token(raw);
            if (kept is null)
            {
                var stamp = cache.Stamp();
                var result = await context.AuthenticateAsync(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
                if (!result.Succeeded)
                {
                    throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
                }
                principal = result.Principal;
                if (raw is not null)
                {
                    cache.KeepToken(raw, stamp, principal, UserId(principal), principal.GetExpirationDate());
                    kept = cache.Token(raw);
                }
            }
            else
            {
                principal = kept.Principal;
            }
            context.Items[KeptKey] = kept;
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
        // The token's own member, once found active, stays so while the token is kept: a suspension is an ending (ADR 89).
        var kept = context.Items.TryGetValue(KeptKey, out var found) ? found as KeptToken : null;
        if (kept is { Active: true } && kept.UserId == id)
        {
            return Viewer.Member(id);
        }
        var db = context.RequestServices.GetRequiredService<KindredDbContext>();
        if (!await db.Users.Active().AnyAsync(u => u.Id == id, context.RequestAborted))
        {
            throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        }
        if (kept is not null && kept.UserId == id)
        {
            kept.Active = true;
        }
        return Viewer.Member(id);
    }

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or of the <c>access_token</c> query parameter when there
    /// is neither a header nor a form; null for anything else: the key must be the very token OpenIddict validated.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var headers = request.Headers.Authorization;
        if (headers.Count == 0)
        {
            // OpenIddict reads a form body's access_token before the query's, so a request with a form is never kept by the query's.
            return request.HasFormContentType ? null : request.Query["access_token"] is { Count: 1 } query && !string.IsNullOrEmpty(query[0]) ? query[0] : null;
        }
        const string Scheme = "Bearer ";
        return headers.Count == 1 && headers[0] is { } header && header.Length > Scheme.Length && header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? header[Scheme.Length..].Trim()
            : null;
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
