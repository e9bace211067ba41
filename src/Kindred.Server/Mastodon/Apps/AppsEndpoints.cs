using System.Security.Cryptography;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Push;
using Kindred.Data;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.OAuth;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Kindred.Server.Mastodon.Apps;

/// <summary>POST /api/v1/apps and GET /api/v1/apps/verify_credentials (Mastodon docs: methods/apps).</summary>
public static class AppsEndpoints
{
    public static RouteGroupBuilder MapAppsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v1/apps", CreateApp).WithSummary("Register a client application").WithTags("Apps");
        api.MapGet("/v1/apps/verify_credentials", VerifyApp).WithSummary("Verify an application token").WithTags("Apps");
        return api;
    }

    private static async Task<IResult> CreateApp(HttpContext context, IOpenIddictApplicationManager applications, IOptions<KindredOptions> options, WebPushKeys keys, KindredDbContext db)
    {
        var input = await MastodonParams.ReadAsync(context.Request);
        var name = input.Value("client_name", 100)?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            throw KindredException.Invalid("client_name", "client_name is required.");
        }
        var redirectUris = input.List("redirect_uris").SelectMany(v => v.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToList();
        if (redirectUris.Count == 0)
        {
            throw KindredException.Invalid("redirect_uris", "redirect_uris is required.");
        }
        if (redirectUris.Count > 10 || redirectUris.Any(u => u.Length > 2000 || !IsAcceptableRedirect(u)))
        {
            throw KindredException.Invalid("redirect_uris", "Each redirect URI must be an absolute URI (or urn:ietf:wg:oauth:2.0:oob), ten at most.");
        }
        var scopeText = input.List("scopes") is { Count: > 0 } list ? string.Join(' ', list) : "read";
        if (!MastodonScopes.TryParse(scopeText, out var scopes) || scopes.Length == 0)
        {
            throw KindredException.Invalid("scopes", "scopes contains an unknown scope.");
        }
        var website = input.Value("website", 2000)?.Trim();
        if (!string.IsNullOrEmpty(website) && !(Uri.TryCreate(website, UriKind.Absolute, out var site) && (site.Scheme == Uri.UriSchemeHttps || site.Scheme == Uri.UriSchemeHttp)))
        {
            throw KindredException.Invalid("website", "website must be an http or https address.");
        }

        var clientId = RandomToken();
        var clientSecret = RandomToken();
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Explicit,
            DisplayName = name,
        };
        foreach (var uri in redirectUris)
        {
            descriptor.RedirectUris.Add(new Uri(uri));
        }
        descriptor.Permissions.UnionWith([
            Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.Endpoints.Revocation,
            Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.RefreshToken, Permissions.GrantTypes.ClientCredentials,
            Permissions.ResponseTypes.Code,
        ]);
        if (options.Value.OAuth.AllowPasswordGrant)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.Password);
        }
        descriptor.Permissions.UnionWith(scopes.Select(s => Permissions.Prefixes.Scope + s));
        if (!string.IsNullOrEmpty(website))
        {
            descriptor.Properties["website"] = JsonSerializer.SerializeToElement(website);
        }
        var application = await applications.CreateAsync(descriptor);
        var id = await applications.GetIdAsync(application) ?? clientId;
        return MastodonJson.Ok(new MastodonApplication
        {
            Id = id,
            Name = name,
            Website = string.IsNullOrEmpty(website) ? null : website,
            Scopes = scopes,
            RedirectUris = redirectUris,
            RedirectUri = string.Join('\n', redirectUris),
            ClientId = clientId,
            ClientSecret = clientSecret,
            ClientSecretExpiresAt = 0,
            VapidKey = (await keys.GetAsync(db, context.RequestAborted)).PublicKey,
        });
    }

    private static async Task<IResult> VerifyApp(HttpContext context, IOpenIddictApplicationManager applications, WebPushKeys keys, KindredDbContext db)
    {
        var principal = await MastodonAuth.RequireTokenAsync(context, "read");
        var clientId = principal.GetClaim(Claims.ClientId) ?? principal.GetPresenters().FirstOrDefault();
        var application = clientId is null ? null : await applications.FindByClientIdAsync(clientId);
        if (application is null)
        {
            throw new KindredException(ErrorKind.Unauthorized, "The access token is invalid");
        }
        return MastodonJson.Ok(await RenderAsync(applications, application, (await keys.GetAsync(db, context.RequestAborted)).PublicKey));
    }

    public static async Task<MastodonApplication> RenderAsync(IOpenIddictApplicationManager applications, object application, string? vapidKey = null)
    {
        var permissions = await applications.GetPermissionsAsync(application);
        var redirects = (await applications.GetRedirectUrisAsync(application)).Select(u => u.ToString()).ToList();
        var properties = await applications.GetPropertiesAsync(application);
        return new MastodonApplication
        {
            Id = await applications.GetIdAsync(application) ?? "",
            Name = await applications.GetDisplayNameAsync(application) ?? "",
            Website = properties.TryGetValue("website", out var website) ? website.GetString() : null,
            Scopes = permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal)).Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList(),
            RedirectUris = redirects,
            RedirectUri = string.Join('\n', redirects),
            VapidKey = vapidKey,
        };
    }

    public static async Task<IReadOnlyList<string>> ScopesAsync(IOpenIddictApplicationManager applications, object application) =>
        (await applications.GetPermissionsAsync(application))
            .Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
            .Select(p => p[Permissions.Prefixes.Scope.Length..]).ToList();

    private static bool IsAcceptableRedirect(string uri) =>
        uri == OAuthSetup.OutOfBand
        || (Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
            && parsed.Scheme is not ("javascript" or "data" or "file" or "vbscript")
            && string.IsNullOrEmpty(parsed.Fragment));

    private static string RandomToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
