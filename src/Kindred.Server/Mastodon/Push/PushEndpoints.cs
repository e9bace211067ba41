using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Push;
using Kindred.Data;
using Kindred.Data.Entities;
using OpenIddict.Abstractions;

namespace Kindred.Server.Mastodon.Push;

/// <summary>
/// /api/v1/push/subscription (Mastodon docs: methods/push): one web push subscription per access token, created or
/// replaced by POST, read by GET, its alerts and policy replaced by PUT, deleted by DELETE. Every verb needs the push
/// scope and a user token; the subscription goes when its token is revoked (ADR 81).
/// </summary>
public static class PushEndpoints
{
    public static RouteGroupBuilder MapPushEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/v1/push/subscription", Subscribe).WithSummary("Subscribes this token to web push (subscription[endpoint], subscription[keys][p256dh], subscription[keys][auth], data[alerts][type], data[policy])").WithTags("Push");
        api.MapGet("/v1/push/subscription", Get).WithSummary("This token's web push subscription").WithTags("Push");
        api.MapPut("/v1/push/subscription", Update).WithSummary("Replaces the subscription's alerts and policy").WithTags("Push");
        api.MapDelete("/v1/push/subscription", Unsubscribe).WithSummary("Deletes this token's web push subscription").WithTags("Push");
        return api;
    }

    private static async Task<IResult> Subscribe(HttpContext context, PushSubscriptionService subscriptions, WebPushKeys keys, KindredDbContext db)
    {
        var owner = await OwnerAsync(context);
        var input = await MastodonParams.ReadAsync(context.Request);
        var subscription = await subscriptions.SubscribeAsync(owner with { AccessToken = BearerToken(context) },
            input.Value("subscription[endpoint]", 2000), input.Value("subscription[keys][p256dh]", 200), input.Value("subscription[keys][auth]", 100),
            Alerts(input), input.Value("data[policy]", 20), context.RequestAborted);
        return await RenderAsync(subscription, keys, db, context);
    }

    private static async Task<IResult> Get(HttpContext context, PushSubscriptionService subscriptions, WebPushKeys keys, KindredDbContext db)
    {
        var owner = await OwnerAsync(context);
        return await RenderAsync(await subscriptions.GetAsync(owner, context.RequestAborted), keys, db, context);
    }

    private static async Task<IResult> Update(HttpContext context, PushSubscriptionService subscriptions, WebPushKeys keys, KindredDbContext db)
    {
        var owner = await OwnerAsync(context);
        var input = await MastodonParams.ReadAsync(context.Request);
        var subscription = await subscriptions.UpdateAsync(owner, Alerts(input), input.Value("data[policy]", 20) ?? input.Value("policy", 20), context.RequestAborted);
        return await RenderAsync(subscription, keys, db, context);
    }

    private static async Task<IResult> Unsubscribe(HttpContext context, PushSubscriptionService subscriptions)
    {
        var owner = await OwnerAsync(context);
        await subscriptions.UnsubscribeAsync(owner, context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<PushOwner> OwnerAsync(HttpContext context)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "push");
        var principal = await MastodonAuth.PrincipalAsync(context);
        var tokenId = principal?.GetTokenId() ?? throw KindredException.Unauthorized();
        return PushOwner.Token(me, tokenId);
    }

    /// <summary>The bearer string the app presented, which Mastodon puts back in every payload.</summary>
    private static string? BearerToken(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? header["Bearer ".Length..].Trim()
            : context.Request.Query["access_token"].ToString() is { Length: > 0 } query ? query : null;
    }

    private static Dictionary<string, bool> Alerts(MastodonParams input)
    {
        var alerts = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var alert in PushAlerts.All)
        {
            if (input.Bool($"data[alerts][{alert}]") is { } on)
            {
                alerts[alert] = on;
            }
        }
        return alerts;
    }

    private static async Task<IResult> RenderAsync(WebPushSubscription subscription, WebPushKeys keys, KindredDbContext db, HttpContext context) =>
        MastodonJson.Ok(new
        {
            id = subscription.Id.ToString(CultureInfo.InvariantCulture),
            endpoint = subscription.Endpoint,
            standard = true,
            alerts = PushAlerts.Read(subscription.Alerts),
            server_key = (await keys.GetAsync(db, context.RequestAborted)).PublicKey,
            policy = PushSubscriptionService.PolicyName(subscription.Policy),
        });
}
