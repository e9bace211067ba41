using System.Globalization;
using System.Security.Claims;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Organizations;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Web.OAuth;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Kindred.Server.Mastodon.OAuth;

/// <summary>The parts of /oauth/authorize and /oauth/token that OpenIddict hands back to Kindred: who the user is and what they consent to.</summary>
public static class OAuthEndpoints
{
    public static IEndpointRouteBuilder MapOAuthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/oauth/authorize", ["GET", "POST"], Authorize).DisableAntiforgery().ExcludeFromDescription();
        app.MapPost("/oauth/token", Token).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> Authorize(HttpContext context, IOpenIddictApplicationManager applications, UserManager<User> users, SignInManager<User> signIn, IAntiforgery antiforgery, OrganizationVoice voice, AuditLog audit, KindredDbContext db)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OAuth request.");
        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        if (!cookie.Succeeded)
        {
            var returnUrl = context.Request.PathBase + context.Request.Path + QueryString.Create(
                context.Request.HasFormContentType ? context.Request.Form.Select(f => KeyValuePair.Create(f.Key, (string?)f.Value.ToString()))
                : context.Request.Query.Select(q => KeyValuePair.Create(q.Key, (string?)q.Value.ToString())));
            return Results.Redirect($"/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        }
        var user = await users.GetUserAsync(cookie.Principal!);
        if (user is null || !await signIn.CanSignInAsync(user))
        {
            return Results.Forbid(Properties(Errors.AccessDenied, "This account cannot authorize apps."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var application = await applications.FindByClientIdAsync(request.ClientId!) ?? throw new InvalidOperationException("Unknown client.");
        var appName = await applications.GetDisplayNameAsync(application) ?? request.ClientId!;
        var scopes = await GrantableScopesAsync(applications, application, request);
        if (scopes is null)
        {
            return Results.Forbid(Properties(Errors.InvalidScope, "The app asked for scopes it was not registered with."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }

        // Staff may let the app act as the organization's account (ADR 65); everyone else is never offered it.
        var organizationId = await voice.AccountForAsync(user.Id, context.RequestAborted);
        if (!HttpMethods.IsPost(context.Request.Method) || !context.Request.Form.ContainsKey("decision"))
        {
            // The grant is only ever the staff member's own tick: a link cannot carry it in as a hidden field.
            var hidden = context.Request.Query.Where(q => q.Key is not ("as_organization" or "decision"))
                .Select(q => KeyValuePair.Create(q.Key, q.Value.ToString())).ToList();
            var organizationUsername = organizationId is { } org ? (await db.Accounts.AsNoTracking().Where(a => a.Id == org).Select(a => a.Username).FirstOrDefaultAsync(context.RequestAborted)) : null;
            return new RazorComponentResult<ConsentPage>(new
            {
                AppName = appName,
                Scopes = scopes.ToArray(),
                Hidden = hidden,
                Username = user.UserName,
                OrganizationUsername = organizationUsername,
            });
        }
        await antiforgery.ValidateRequestAsync(context);
        if (context.Request.Form["decision"] != "allow")
        {
            return Results.Forbid(Properties(Errors.AccessDenied, "You declined the authorization."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        var asOrganization = context.Request.Form["as_organization"] == "true";
        if (asOrganization)
        {
            if (organizationId is null)
            {
                return Results.Forbid(Properties(Errors.AccessDenied, "Only the organization's staff may let an app act as the organization."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            audit.Add(user.Id, AuditActions.OrganizationGrant, AuditTarget.Account(organizationId.Value),
                $"@{user.UserName} let the app {appName} act as the organization.");
            await db.SaveChangesAsync(context.RequestAborted);
        }
        var principal = CreatePrincipal(user, scopes, asOrganization);
        return Results.SignIn(principal, null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> Token(HttpContext context, UserManager<User> users, SignInManager<User> signIn, IOpenIddictApplicationManager applications, OrganizationVoice voice)
    {
        var request = context.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("Not an OAuth request.");
        if (request.IsAuthorizationCodeGrantType() || request.IsRefreshTokenGrantType())
        {
            var stored = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var user = stored.Principal is null ? null : await users.FindByIdAsync(stored.Principal.GetClaim(Claims.Subject) ?? "");
            if (user is null || !await signIn.CanSignInAsync(user))
            {
                return Results.Forbid(Properties(Errors.InvalidGrant, "The account is no longer allowed to sign in."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            // The grant travels from the code to the token only while the staff member may still act as the organization.
            var asOrganization = OrganizationGrant.IsGranted(stored.Principal!);
            if (asOrganization && await voice.AccountForAsync(user.Id, context.RequestAborted) is null)
            {
                return Results.Forbid(Properties(Errors.InvalidGrant, "The account may no longer act as the organization."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            var granted = stored.Principal!.GetScopes();
            // The scope a code exchange may repeat (Mastodon documents it) never widens what the member granted (ADR 77).
            if (AskedOnExchange(context) is { } asked && !asked.All(s => MastodonScopes.Allows(granted, s)))
            {
                return Results.Forbid(Properties(Errors.InvalidScope, "The scope asked for is wider than the one the account granted."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            return Results.SignIn(CreatePrincipal(user, granted, asOrganization), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        var application = await applications.FindByClientIdAsync(request.ClientId ?? "");
        var requested = application is null ? null : await GrantableScopesAsync(applications, application, request);
        if (requested is null)
        {
            return Results.Forbid(Properties(Errors.InvalidScope, "The app asked for scopes it was not registered with."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }
        if (request.IsPasswordGrantType())
        {
            var user = await users.FindByNameAsync(request.Username ?? "") ?? await users.FindByEmailAsync(request.Username ?? "");
            if (user is null || !await signIn.CanSignInAsync(user) || !await users.CheckPasswordAsync(user, request.Password ?? ""))
            {
                return Results.Forbid(Properties(Errors.InvalidGrant, "The username or password is wrong."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            if (await users.GetTwoFactorEnabledAsync(user))
            {
                return Results.Forbid(Properties(Errors.InvalidGrant, "This account uses two-factor authentication; sign in through the browser."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            }
            // Signing in from an app during the grace period keeps the account too, as on the web (ADR 70).
            if (Kindred.Core.Deletion.AccountDeletion.CancelOnSignIn(user))
            {
                await users.UpdateAsync(user);
            }
            return Results.SignIn(CreatePrincipal(user, requested), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        if (request.IsClientCredentialsGrantType())
        {
            return Results.SignIn(CreateAppPrincipal(request.ClientId!, requested), null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }
        return Results.Forbid(Properties(Errors.UnsupportedGrantType, "This grant type is not supported."), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
    }

    private static string[]? AskedOnExchange(HttpContext context) =>
        context.Features.Get<OpenIddictServerAspNetCoreFeature>()?.Transaction?.Properties.TryGetValue(Hosting.OAuthSetup.CodeExchangeScope, out var value) == true
            && value is string scope
            ? scope.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : null;

    /// <summary>The scopes a request may have: Mastodon defaults to "read", and every scope asked for must be
    /// covered by the scopes the app registered ("read" covers "read:accounts").</summary>
    private static async Task<string[]?> GrantableScopesAsync(IOpenIddictApplicationManager applications, object application, OpenIddictRequest request)
    {
        var registered = await Apps.AppsEndpoints.ScopesAsync(applications, application);
        var asked = request.GetScopes();
        string[] scopes = asked.IsEmpty ? ["read"] : [.. asked];
        return scopes.All(s => MastodonScopes.Allows(registered, s)) ? scopes : null;
    }

    /// <summary>An app token: it can register accounts and read public data, but acts for no user.</summary>
    public static ClaimsPrincipal CreateAppPrincipal(string clientId, IEnumerable<string> scopes)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, "app:" + clientId);
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    /// <param name="asOrganization">The staff member let the app act as the organization's account (ADR 65): the
    /// subject stays the staff member, so every end of their access ends the grant too.</param>
    public static ClaimsPrincipal CreatePrincipal(User user, IEnumerable<string> scopes, bool asOrganization = false)
    {
        var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id.ToString(CultureInfo.InvariantCulture));
        identity.SetClaim(Claims.Name, user.UserName);
        identity.SetClaim(Roles.ClaimType, Roles.Name(user.Role));
        if (asOrganization)
        {
            identity.SetClaim(OrganizationGrant.ClaimType, "true");
        }
        identity.SetScopes(scopes);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }

    private static AuthenticationProperties Properties(string error, string description) => new(new Dictionary<string, string?>
    {
        [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
        [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
    });
}
