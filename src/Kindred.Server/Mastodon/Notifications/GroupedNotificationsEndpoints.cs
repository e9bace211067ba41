using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Notifications;

/// <summary>Grouped notifications (Mastodon docs: methods/grouped_notifications, ADR 79).</summary>
public static class GroupedNotificationsEndpoints
{
    public static RouteGroupBuilder MapGroupedNotificationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v2/notifications", List).WithSummary("The member's notifications in groups (grouped_types[], expand_accounts, types[], exclude_types[], account_id, include_filtered)").WithTags("Notifications");
        api.MapGet("/v2/notifications/unread_count", UnreadCount).WithSummary("How many notification groups are newer than the notifications marker").WithTags("Notifications");
        api.MapGet("/v2/notifications/{group_key}", Get).WithSummary("One notification group").WithTags("Notifications");
        api.MapGet("/v2/notifications/{group_key}/accounts", Accounts).WithSummary("The accounts of one notification group").WithTags("Notifications");
        api.MapPost("/v2/notifications/{group_key}/dismiss", Dismiss).WithSummary("Dismisses every notification of one group").WithTags("Notifications");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, NotificationGroupQueries queries, NotificationGroupRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, NotificationQueries.DefaultLimit, NotificationQueries.MaxLimit);
        var groups = await queries.ListAsync(me, Filter(input), GroupedTypes(input), page, context.RequestAborted);
        Pagination.SetLink(context, urls, groups.Select(g => g.MostRecent.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderAsync(groups, me, input.Value("expand_accounts", 20) == "partial_avatars", context.RequestAborted));
    }

    private static async Task<IResult> Get(string group_key, HttpContext context, NotificationGroupQueries queries, NotificationGroupRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var group = await queries.GetAsync(me, Key(group_key), context.RequestAborted);
        var rendered = await renderer.RenderAsync([group], me, partialAvatars: false, context.RequestAborted);
        return rendered.NotificationGroups.Count == 1 ? MastodonJson.Ok(rendered) : throw KindredException.NotFound();
    }

    private static async Task<IResult> Accounts(string group_key, HttpContext context, NotificationGroupQueries queries, AccountRenderer renderer, KindredDbContext db)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var ids = await queries.AccountIdsAsync(me, Key(group_key), context.RequestAborted);
        var rows = await db.Accounts.AsNoTracking().Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User).AsSplitQuery()
            .Where(a => ids.Contains(a.Id)).ToListAsync(context.RequestAborted);
        var order = ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows.OrderBy(a => order[a.Id]).ToList(), me, context.RequestAborted));
    }

    private static async Task<IResult> Dismiss(string group_key, HttpContext context, NotificationService notifications)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        // As Mastodon: dismissing a group that holds nothing (any more) is not an error.
        await notifications.DismissGroupAsync(me, Key(group_key), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> UnreadCount(HttpContext context, NotificationGroupQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var input = await MastodonParams.ReadAsync(context.Request);
        var limit = input.WholeNumber("limit") ?? NotificationQueries.DefaultCountLimit;
        return MastodonJson.Ok(new { Count = await queries.UnreadCountAsync(me, Filter(input), GroupedTypes(input), limit, context.RequestAborted) });
    }

    private static NotificationFilter Filter(MastodonParams input)
    {
        var accountId = input.Value("account_id", 30);
        return new NotificationFilter(input.List("types"), input.List("exclude_types"), string.IsNullOrEmpty(accountId) ? null : StatusesEndpoints.ParseId(accountId),
            input.Bool("include_filtered") ?? false);
    }

    /// <summary>grouped_types[] narrows the types that group; without it, all that Kindred groups.</summary>
    private static IReadOnlyCollection<string> GroupedTypes(MastodonParams input) =>
        input.Has("grouped_types") ? NotificationGroups.Groupable.Intersect(input.List("grouped_types")).ToList() : NotificationGroups.Groupable;

    private static string Key(string groupKey) => groupKey.Length is > 0 and <= 64 ? groupKey : throw KindredException.NotFound();
}
