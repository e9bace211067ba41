using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Models;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Renders notifications a page at a time: the senders and the statuses are each loaded and rendered once per batch.</summary>
public sealed class NotificationRenderer(KindredDbContext db, AccountRenderer accounts, StatusRenderer statuses, ReportRenderer reports, GroupRenderer groups)
{
    public async Task<IReadOnlyList<MastodonNotification>> RenderManyAsync(IReadOnlyList<Notification> notifications, long viewerId, CancellationToken ct = default)
    {
        if (notifications.Count == 0)
        {
            return [];
        }
        var senderIds = notifications.Select(n => n.FromAccountId).Distinct().ToList();
        var senders = await db.Accounts.AsNoTracking()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Where(a => senderIds.Contains(a.Id))
            .ToListAsync(ct);
        var renderedSenders = (await accounts.RenderManyAsync(senders, viewerId, ct)).ToDictionary(a => a.Id);
        // The notification queries have already kept only statuses the viewer may read.
        var statusIds = notifications.Where(n => n.StatusId is not null).Select(n => n.StatusId!.Value).Distinct().ToList();
        var renderedStatuses = (await statuses.RenderIdsAsync(statusIds, Viewer.Member(viewerId), FilterContexts.Notifications, ct)).ToDictionary(s => s.Id);
        // A status a "hide" filter of the notifications context matches takes its notification with it (ADR 68).
        var present = (await db.Statuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var reportIds = notifications.Where(n => n.ReportId is not null).Select(n => n.ReportId!.Value).Distinct().ToList();
        var reportRows = reportIds.Count == 0 ? [] : await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToListAsync(ct);
        var renderedReports = (await reports.RenderManyAsync(reportRows, viewerId, ct)).ToDictionary(r => r.Id);
        // The notification queries have already kept only groups the viewer may see.
        var renderedGroups = await groups.RenderIdsAsync(notifications.Where(n => n.GroupId is not null).Select(n => n.GroupId!.Value).Distinct().ToList(), ct);
        return notifications
            .Where(n => renderedSenders.ContainsKey(Id(n.FromAccountId)))
            .Where(n => n.StatusId is not { } statusId || renderedStatuses.ContainsKey(Id(statusId)) || !present.Contains(statusId))
            .Select(n => new MastodonNotification
            {
                Id = Id(n.Id),
                Type = n.Type,
                GroupKey = n.GroupKey ?? NotificationGroups.UngroupedPrefix + Id(n.Id),
                CreatedAt = MastodonTime.Format(n.CreatedAt),
                Account = renderedSenders[Id(n.FromAccountId)],
                Status = n.StatusId is { } statusId ? renderedStatuses.GetValueOrDefault(Id(statusId)) : null,
                Report = n.ReportId is { } reportId ? renderedReports.GetValueOrDefault(Id(reportId)) : null,
                Group = n.GroupId is { } groupId ? renderedGroups.GetValueOrDefault(groupId) : null,
                AidItemId = n.AidItemId is { } aidItemId ? Id(aidItemId) : null,
            })
            .ToList();
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
