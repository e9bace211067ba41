using Kindred.Core.Common;
using Kindred.Core.Push;
using Kindred.Server.Mastodon;
using Kindred.Server.Web.Shared;
using Microsoft.AspNetCore.Antiforgery;

namespace Kindred.Server.Web.Settings;

/// <summary>
/// "Notifications on this device" (ADR 81): wwwroot/js/live.js posts the browser's push subscription here, with the
/// page's antiforgery token in a header, and the subscription belongs to this browser's session, so signing out (or
/// any end of the session) deletes it. Every notification type is pushed, from everyone Notify lets through, which
/// is the member's choice of blocks and mutes; the member turns it off on the same page.
/// </summary>
public static class PushSettingsEndpoints
{
    public const string Path = "/settings/push";

    public static IEndpointRouteBuilder MapPushSettingsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, SubscribeAsync).ExcludeFromDescription();
        app.MapDelete(Path, UnsubscribeAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> SubscribeAsync(HttpContext context, IAntiforgery antiforgery, PushSubscriptionService subscriptions)
    {
        var owner = await OwnerAsync(context, antiforgery);
        var input = await MastodonParams.ReadAsync(context.Request);
        var alerts = PushAlerts.All.ToDictionary(a => a, _ => true, StringComparer.Ordinal);
        await subscriptions.SubscribeAsync(owner, input.Value("endpoint", 2000), input.Value("keys[p256dh]", 200), input.Value("keys[auth]", 100),
            alerts, "all", context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<IResult> UnsubscribeAsync(HttpContext context, IAntiforgery antiforgery, PushSubscriptionService subscriptions)
    {
        var owner = await OwnerAsync(context, antiforgery);
        await subscriptions.UnsubscribeAsync(owner, context.RequestAborted);
        return Results.NoContent();
    }

    private static async Task<PushOwner> OwnerAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (UserClaims.Id(context.User) is not { } me || UserClaims.SessionId(context.User) is not { } session)
        {
            throw KindredException.Unauthorized("Sign in first.");
        }
        // A missing or stale token throws AntiforgeryValidationException: 400, as for any web form.
        await antiforgery.ValidateRequestAsync(context);
        return PushOwner.Session(me, session);
    }
}
