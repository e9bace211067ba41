using System.Net;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Server.Mastodon.OAuth;
using Microsoft.AspNetCore;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Kindred.Server.Hosting;

/// <summary>OpenIddict as the OAuth 2 server Mastodon apps sign in through (Mastodon docs: methods/oauth).</summary>
public static class OAuthSetup
{
    public const string OutOfBand = "urn:ietf:wg:oauth:2.0:oob";

    public static WebApplicationBuilder AddKindredOAuth(this WebApplicationBuilder builder)
    {
        var kindred = builder.Configuration.GetSection(KindredOptions.Section).Get<KindredOptions>() ?? new KindredOptions();
        // The core (stores and managers) is registered with the other core services, for the command line too.
        builder.Services.AddOpenIddict()
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("oauth/authorize")
                    .SetTokenEndpointUris("oauth/token")
                    .SetRevocationEndpointUris("oauth/revoke")
                    .SetConfigurationEndpointUris(".well-known/oauth-authorization-server", ".well-known/openid-configuration");
                if (!string.IsNullOrWhiteSpace(kindred.PublicUrl))
                {
                    // One issuer for every token, whatever host name a request came in on.
                    o.SetIssuer(new Uri(kindred.PublicUrl.TrimEnd('/') + "/"));
                }
                o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow();
                if (kindred.OAuth.AllowPasswordGrant)
                {
                    o.AllowPasswordFlow();
                }
                o.RegisterScopes(MastodonScopes.All);
                // PKCE is optional for Mastodon apps, but when used only S256 is accepted.
                o.Configure(options => options.CodeChallengeMethods.Remove(OpenIddictConstants.CodeChallengeMethods.Plain));
                // Mastodon tokens do not expire and its apps never refresh; reference tokens keep them revocable.
                o.SetAccessTokenLifetime(null);
                o.SetRefreshTokenLifetime(null);
                o.SetAuthorizationCodeLifetime(TimeSpan.FromMinutes(10));
                o.UseReferenceAccessTokens().UseReferenceRefreshTokens();
                // A reference token's payload never leaves the server, so encrypting it only cost an RSA unwrap on every
                // API request (ADR 39). It stays signed; tokens issued encrypted before still validate with the key below.
                o.DisableAccessTokenEncryption();
                // Apps are registered through /api/v1/apps and may ask for any subset of their scopes.
                o.IgnoreScopePermissions();
                o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableStatusCodePagesIntegration()
                    // TLS ends at the reverse proxy in production; a local install speaks plain http.
                    .DisableTransportSecurityRequirement();
                o.AddEventHandler<ApplyAuthorizationResponseContext>(h => h.UseInlineHandler(ShowOutOfBandCodeAsync).SetOrder(int.MinValue + 100_000));
                o.AddEventHandler<ApplyTokenResponseContext>(h => h.UseInlineHandler(CompleteMastodonToken).SetOrder(int.MinValue + 100_000));
                o.AddEventHandler<ProcessSignInContext>(h => h.UseInlineHandler(KeepGrantedScopes)
                    .SetOrder(OpenIddictServerHandlers.AttachSignInParameters.Descriptor.Order + 1));
                o.AddEventHandler<ValidateTokenRequestContext>(h => h.UseInlineHandler(SetAsideCodeExchangeScope)
                    .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopeParameter.Descriptor.Order - 1));
                o.AddEventHandler<HandleConfigurationRequestContext>(h => h.UseInlineHandler(AddRegistrationEndpoint));
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });
        // The certificates live in the database (ADR 93), which exists only once the host has migrated it: read when the
        // server's options are first needed (the first OAuth request), not while services are registered.
        builder.Services.AddOptions<OpenIddictServerOptions>().Configure<IServiceScopeFactory>((o, scopes) =>
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
            var signing = new X509SecurityKey(OAuthKeys.LoadOrCreate(db, kindred.FullDataDirectory, "signing"));
            var encryption = new X509SecurityKey(OAuthKeys.LoadOrCreate(db, kindred.FullDataDirectory, "encryption"));
            // What OpenIddict's AddSigningCertificate and AddEncryptionCertificate choose for an RSA certificate.
            o.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
            o.EncryptionCredentials.Add(new EncryptingCredentials(encryption, SecurityAlgorithms.RsaOAEP, SecurityAlgorithms.Aes256CbcHmacSha512));
        });
        return builder;
    }

    /// <summary>redirect_uri=urn:ietf:wg:oauth:2.0:oob means "show me the code"; a browser cannot follow that redirect.</summary>
    private static async ValueTask ShowOutOfBandCodeAsync(ApplyAuthorizationResponseContext context)
    {
        if (context.RedirectUri != OutOfBand)
        {
            return;
        }
        var response = context.Transaction.GetHttpRequest()?.HttpContext.Response;
        if (response is null)
        {
            return;
        }
        var code = context.Response.Code;
        var error = context.Response.ErrorDescription ?? context.Response.Error;
        response.StatusCode = code is null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        response.ContentType = "text/html; charset=utf-8";
        var body = code is null
            ? $"<p>{WebUtility.HtmlEncode(error ?? "Authorization failed.")}</p>"
            : $"<p>Copy this code and paste it into the app:</p><p><input id=\"code\" readonly size=\"60\" aria-label=\"Authorization code\" value=\"{WebUtility.HtmlEncode(code)}\"></p>";
        await response.WriteAsync($"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>Authorization code</title></head><body><main><h1>Authorization code</h1>{body}</main></body></html>");
        context.HandleRequest();
    }

    /// <summary>Where <see cref="KeepGrantedScopes"/> leaves the token's scopes for <see cref="CompleteMastodonToken"/>.</summary>
    private const string GrantedScopes = "kindred:granted_scopes";

    /// <summary>Where <see cref="SetAsideCodeExchangeScope"/> leaves the scope a code exchange asked for.</summary>
    public const string CodeExchangeScope = "kindred:code_exchange_scope";

    private static ValueTask KeepGrantedScopes(ProcessSignInContext context)
    {
        if (context.AccessTokenPrincipal is { } principal)
        {
            context.Transaction.Properties[GrantedScopes] = string.Join(' ', principal.GetScopes());
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Mastodon's Token entity always has <c>scope</c> and <c>created_at</c>; OpenIddict writes <c>scope</c> only
    /// when it differs from the request's (RFC 6749 5.1), and Mastodon.py reads it unconditionally (ADR 77).</summary>
    private static ValueTask CompleteMastodonToken(ApplyTokenResponseContext context)
    {
        if (context.Response.AccessToken is not null)
        {
            if (string.IsNullOrEmpty(context.Response.Scope))
            {
                context.Response.Scope = context.Transaction.Properties.TryGetValue(GrantedScopes, out var scopes) && scopes is string granted
                    ? granted
                    : context.Request?.Scope ?? "read";
            }
            context.Response["created_at"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        }
        return ValueTask.CompletedTask;
    }

    /// <summary>Mastodon documents <c>scope</c> on the authorization-code exchange (it must match what the user granted);
    /// OpenIddict refuses the parameter there (ID2074). It is set aside before that check, and the token endpoint
    /// refuses it when it asks for more than the code carries (ADR 77).</summary>
    private static ValueTask SetAsideCodeExchangeScope(ValidateTokenRequestContext context)
    {
        if (context.Request.IsAuthorizationCodeGrantType() && context.Request.Scope is { } scope)
        {
            context.Transaction.Properties[CodeExchangeScope] = scope;
            context.Request.Scope = null;
        }
        return ValueTask.CompletedTask;
    }

    private static ValueTask AddRegistrationEndpoint(HandleConfigurationRequestContext context)
    {
        context.Metadata["app_registration_endpoint"] = new Uri(context.BaseUri!, "api/v1/apps").AbsoluteUri;
        context.Metadata["service_documentation"] = "https://docs.joinmastodon.org/";
        return ValueTask.CompletedTask;
    }
}
