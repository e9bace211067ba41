using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Notifications;

/// <summary>Notification requests: what the policy held back, per sender (Mastodon docs: methods/notifications#requests, ADR 79).</summary>
public static class NotificationRequestsEndpoints
{
    /// <summary>Mastodon accepts or dismisses at most this many requests at once.</summary>
    public const int MaxBulk = 100;

    public static RouteGroupBuilder MapNotificationRequestsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/notifications/requests", List).WithSummary("Pending notification requests, one per sender").WithTags("Notifications");
        api.MapGet("/v1/notifications/requests/merged", Merged).WithSummary("Whether accepted requests are merged into the notifications (always at once here)").WithTags("Notifications");
        api.MapPost("/v1/notifications/requests/accept", AcceptMany).WithSummary("Accepts several requests (id[])").WithTags("Notifications");
        api.MapPost("/v1/notifications/requests/dismiss", DismissMany).WithSummary("Dismisses several requests (id[])").WithTags("Notifications");
        api.MapGet("/v1/notifications/requests/{id}", Get).WithSummary("One notification request").WithTags("Notifications");
        api.MapPost("/v1/notifications/requests/{id}/accept", Accept).WithSummary("Accepts a request: its notifications are shown and the sender's next ones pass").WithTags("Notifications");
        api.MapPost("/v1/notifications/requests/{id}/dismiss", Dismiss).WithSummary("Dismisses a request and its notifications").WithTags("Notifications");
        return api;
    }

    private static async Task<IResult> List(HttpContext context, NotificationRequestQueries requests, KindredDbContext db, AccountRenderer accounts, StatusRenderer statuses, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, NotificationRequestQueries.DefaultLimit, NotificationRequestQueries.MaxLimit);
        var rows = await requests.ListAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.FromAccountId).ToList(), page.Limit);
        return MastodonJson.Ok(await RenderAsync(rows, me, db, accounts, statuses, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, NotificationRequestQueries requests, KindredDbContext db, AccountRenderer accounts, StatusRenderer statuses)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:notifications");
        var request = await requests.GetAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        var rendered = await RenderAsync([request], me, db, accounts, statuses, context.RequestAborted);
        return rendered.Count == 1 ? MastodonJson.Ok(rendered[0]) : throw KindredException.NotFound();
    }

    private static async Task<IResult> Accept(string id, HttpContext context, NotificationRequestService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        await service.AcceptAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Dismiss(string id, HttpContext context, NotificationRequestService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        await service.DismissAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> AcceptMany(HttpContext context, NotificationRequestService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        await service.AcceptManyAsync(me, await IdsAsync(context), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> DismissMany(HttpContext context, NotificationRequestService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:notifications");
        await service.DismissManyAsync(me, await IdsAsync(context), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Merged(HttpRequest request)
    {
        await MastodonAuth.RequireUserAsync(request.HttpContext, "read:notifications");
        // Accepting unfilters the notifications in the same request, so there is never a merge still running.
        return MastodonJson.Ok(new { Merged = true });
    }

    private static async Task<IReadOnlyList<long>> IdsAsync(HttpContext context)
    {
        var input = await MastodonParams.ReadAsync(context.Request);
        var ids = input.List("id");
        if (ids.Count > MaxBulk)
        {
            throw KindredException.Invalid("id", $"At most {MaxBulk} requests at once.");
        }
        return ids.Select(StatusesEndpoints.ParseId).Distinct().ToList();
    }

    private static async Task<IReadOnlyList<MastodonNotificationRequest>> RenderAsync(IReadOnlyList<NotificationRequest> rows, long me, KindredDbContext db,
        AccountRenderer accounts, StatusRenderer statuses, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var ids = rows.Select(r => r.FromAccountId).ToList();
        var accountRows = await db.Accounts.AsNoTracking().Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User).AsSplitQuery()
            .Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var renderedAccounts = (await accounts.RenderManyAsync(accountRows, me, ct)).ToDictionary(a => a.Id);
        var statusIds = rows.Where(r => r.LastStatusId is not null).Select(r => r.LastStatusId!.Value).Distinct().ToList();
        var renderedStatuses = (await statuses.RenderIdsAsync(statusIds, Viewer.Member(me), FilterContexts.Notifications, ct)).ToDictionary(s => s.Id);
        return rows.Where(r => renderedAccounts.ContainsKey(Id(r.FromAccountId))).Select(r => new MastodonNotificationRequest
        {
            Id = Id(r.FromAccountId),
            CreatedAt = MastodonTime.Format(r.CreatedAt),
            UpdatedAt = MastodonTime.Format(r.UpdatedAt),
            Account = renderedAccounts[Id(r.FromAccountId)],
            NotificationsCount = r.Count.ToString(CultureInfo.InvariantCulture),
            LastStatus = r.LastStatusId is { } statusId ? renderedStatuses.GetValueOrDefault(Id(statusId)) : null,
        }).ToList();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
