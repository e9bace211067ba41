using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Models;

namespace Kindred.Server.Mastodon.Notifications;

/// <summary>The member's notification policy, v2 and v1 shapes (Mastodon docs: methods/notifications#get-policy, ADR 79).</summary>
public static class NotificationPolicyEndpoints
{
    public static RouteGroupBuilder MapNotificationPolicyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/notifications/policy", GetV2).WithSummary("The notification policy (accept, filter or drop per kind of sender)").WithTags("Notifications");
        api.MapPatch("/v2/notifications/policy", UpdateV2).WithSummary("Changes the notification policy").WithTags("Notifications");
        api.MapGet("/v1/notifications/policy", GetV1).WithSummary("The notification policy in the v1 shape (true where it does not accept)").WithTags("Notifications");
        api.MapPut("/v1/notifications/policy", UpdateV1).WithSummary("Changes the notification policy in the v1 shape").WithTags("Notifications");
        api.MapPatch("/v1/notifications/policy", UpdateV1).WithSummary("Changes the notification policy in the v1 shape").WithTags("Notifications");
        return api;
    }

    private static async Task<IResult> GetV2(HttpContext context, NotificationPolicyService policies, NotificationRequestQueries requests)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        return MastodonJson.Ok(await V2Async(await policies.GetAsync(me, context.RequestAborted), me, requests, context.RequestAborted));
    }

    private static async Task<IResult> UpdateV2(HttpContext context, NotificationPolicyService policies, NotificationRequestQueries requests)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        var input = await MastodonParams.ReadAsync(context.Request);
        var policy = await policies.UpdateAsync(me, Value(input, "for_not_following"), Value(input, "for_not_followers"), Value(input, "for_new_accounts"),
            Value(input, "for_private_mentions"), Value(input, "for_limited_accounts"), context.RequestAborted);
        return MastodonJson.Ok(await V2Async(policy, me, requests, context.RequestAborted));
    }

    private static async Task<IResult> GetV1(HttpContext context, NotificationPolicyService policies, NotificationRequestQueries requests)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        return MastodonJson.Ok(await V1Async(await policies.GetAsync(me, context.RequestAborted), me, requests, context.RequestAborted));
    }

    private static async Task<IResult> UpdateV1(HttpContext context, NotificationPolicyService policies, NotificationRequestQueries requests)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        var input = await MastodonParams.ReadAsync(context.Request);
        var policy = await policies.UpdateAsync(me, Filter(input, "filter_not_following"), Filter(input, "filter_not_followers"), Filter(input, "filter_new_accounts"),
            Filter(input, "filter_private_mentions"), null, context.RequestAborted);
        return MastodonJson.Ok(await V1Async(policy, me, requests, context.RequestAborted));
    }

    private static async Task<MastodonNotificationPolicy> V2Async(NotificationPolicy policy, long me, NotificationRequestQueries requests, CancellationToken ct) => new()
    {
        ForNotFollowing = Name(policy.ForNotFollowing),
        ForNotFollowers = Name(policy.ForNotFollowers),
        ForNewAccounts = Name(policy.ForNewAccounts),
        ForPrivateMentions = Name(policy.ForPrivateMentions),
        ForLimitedAccounts = Name(policy.ForLimitedAccounts),
        Summary = await SummaryAsync(me, requests, ct),
    };

    private static async Task<MastodonV1NotificationPolicy> V1Async(NotificationPolicy policy, long me, NotificationRequestQueries requests, CancellationToken ct) => new()
    {
        FilterNotFollowing = policy.ForNotFollowing != NotificationPolicyValue.Accept,
        FilterNotFollowers = policy.ForNotFollowers != NotificationPolicyValue.Accept,
        FilterNewAccounts = policy.ForNewAccounts != NotificationPolicyValue.Accept,
        FilterPrivateMentions = policy.ForPrivateMentions != NotificationPolicyValue.Accept,
        Summary = await SummaryAsync(me, requests, ct),
    };

    private static async Task<MastodonNotificationPolicySummary> SummaryAsync(long me, NotificationRequestQueries requests, CancellationToken ct)
    {
        var (pendingRequests, pendingNotifications) = await requests.SummaryAsync(me, ct);
        return new MastodonNotificationPolicySummary { PendingRequestsCount = pendingRequests, PendingNotificationsCount = pendingNotifications };
    }

    private static string Name(NotificationPolicyValue value) => value switch
    {
        NotificationPolicyValue.Filter => "filter",
        NotificationPolicyValue.Drop => "drop",
        _ => "accept",
    };

    private static NotificationPolicyValue? Value(MastodonParams input, string key) => input.Value(key, 20) switch
    {
        null or "" => null,
        "accept" => NotificationPolicyValue.Accept,
        "filter" => NotificationPolicyValue.Filter,
        "drop" => NotificationPolicyValue.Drop,
        _ => throw KindredException.Invalid(key, $"{key} must be accept, filter or drop."),
    };

    private static NotificationPolicyValue? Filter(MastodonParams input, string key) => input.Bool(key) switch
    {
        null => null,
        true => NotificationPolicyValue.Filter,
        false => NotificationPolicyValue.Accept,
    };
}
