using Kindred.Core.Digests;
using Kindred.Server.Web.Shared;

namespace Kindred.Server.Web.Digests;

/// <summary>The digest's one-click unsubscribe (RFC 8058, ADR 25): turns digests off.</summary>
public static class DigestEndpoints
{
    public static IEndpointRouteBuilder MapDigestEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOneClickUnsubscribe("/digest/unsubscribe", "/digest/unsubscribed",
            (services, token, ct) => services.GetRequiredService<DigestService>().UnsubscribeAsync(token, ct));
        return app;
    }
}
