using Kindred.Core.Notifications;
using Kindred.Server.Web.Shared;

namespace Kindred.Server.Web.Notifications;

/// <summary>The instant e-mail's one-click unsubscribe (RFC 8058, ADR 82): turns every kind of instant e-mail off.</summary>
public static class InstantEmailEndpoints
{
    public static IEndpointRouteBuilder MapInstantEmailEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapOneClickUnsubscribe("/notifications/email/unsubscribe", "/notifications/email/unsubscribed",
            (services, token, ct) => services.GetRequiredService<InstantEmailService>().UnsubscribeAsync(token, ct));
        return app;
    }
}
