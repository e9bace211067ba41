using Kindred.Core.Notifications;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Notifications;

/// <summary>A member's notifications (Mastodon docs: methods/notifications).</summary>
public static class NotificationsEndpoints
{
    public static RouteGroupBuilder MapNotificationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/notifications", List).WithSummary("The member's notifications (types[], exclude_types[], account_id)").WithTags("Notifications");
        api.MapGet("/v1/notifications/unread_count", UnreadCount).WithSummary("How many notifications are newer than the notifications marker").WithTags("Notifications");
        api.MapGet("/v1/notifications/{id}", Get).WithSummary("One notification").WithTags("Notifications");
        api.MapPost("/v1/notifications/clear", Clear).WithSummary("Dismisses every notification").WithTags("Notifications");
        api.MapPost("/v1/notifications/{id}/dismiss", Dismiss).WithSummary("Dismisses one notification").WithTags("Notifications");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, NotificationQueries queries, NotificationRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, NotificationQueries.DefaultLimit, NotificationQueries.MaxLimit);
        var accountId = input.Value("account_id", 30);
        var filter = new NotificationFilter(input.List("types"), input.List("exclude_types"), string.IsNullOrEmpty(accountId) ? null : StatusesEndpoints.ParseId(accountId),
            input.Bool("include_filtered") ?? false);
        var notifications = await queries.ListAsync(me, filter, page, context.RequestAborted);
        Pagination.SetLink(context, urls, notifications.Select(n => n.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(notifications, me, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, NotificationQueries queries, NotificationRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var notification = await queries.GetAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        var rendered = await renderer.RenderManyAsync([notification], me, context.RequestAborted);
        return rendered.Count == 1 ? MastodonJson.Ok(rendered[0]) : throw Core.Common.KindredException.NotFound();
    }

    private static async Task<IResult> UnreadCount(HttpContext context, NotificationQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var input = await MastodonParams.ReadAsync(context.Request);
        var limit = input.WholeNumber("limit") ?? NotificationQueries.DefaultCountLimit;
        return MastodonJson.Ok(new { Count = await queries.UnreadCountAsync(me, limit, context.RequestAborted) });
    }

    private static async Task<IResult> Clear(HttpContext context, NotificationService notifications)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        await notifications.ClearAsync(me, context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Dismiss(string id, HttpContext context, NotificationService notifications)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        await notifications.DismissAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

}
