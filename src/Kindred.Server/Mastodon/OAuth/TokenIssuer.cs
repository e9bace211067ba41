using System.Security.Claims;
using Kindred.Core.Common;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Kindred.Server.Mastodon.OAuth;

/// <summary>
/// Issues a user token outside /oauth/token, for POST /api/v1/accounts, which Mastodon answers with a Token for
/// the new account. It runs OpenIddict's own sign-in pipeline as if the app had made a token request, so the
/// token is stored, bound to the app and revocable like any other. OpenIddict also writes its token response
/// (the same JSON as /oauth/token, which is Mastodon's Token entity) to the current HTTP response.
/// </summary>
public sealed class TokenIssuer(IOpenIddictServerFactory factory, IOpenIddictServerDispatcher dispatcher)
{
    public async Task<string> IssueAsync(HttpContext http, string clientId, ClaimsPrincipal principal, string baseUrl)
    {
        var transaction = await factory.CreateTransactionAsync();
        transaction.EndpointType = OpenIddictServerEndpointType.Token;
        transaction.BaseUri = new Uri(baseUrl.TrimEnd('/') + "/");
        transaction.RequestUri = new Uri(transaction.BaseUri, "oauth/token");
        transaction.Request = new OpenIddictRequest
        {
            ClientId = clientId,
            GrantType = OpenIddictConstants.GrantTypes.Password,
            Scope = string.Join(' ', principal.GetScopes()),
        };
        transaction.Properties[typeof(HttpRequest).FullName!] = new WeakReference<HttpRequest>(http.Request);
        var context = new ProcessSignInContext(transaction)
        {
            Principal = principal,
            Response = new OpenIddictResponse(),
        };
        await dispatcher.DispatchAsync(context);
        if (context.IsRejected)
        {
            throw new KindredException(ErrorKind.Invalid, context.ErrorDescription ?? context.Error ?? "The token could not be issued.");
        }
        return context.AccessToken ?? context.Response.AccessToken
            ?? throw new InvalidOperationException("OpenIddict produced no access token.");
    }
}
