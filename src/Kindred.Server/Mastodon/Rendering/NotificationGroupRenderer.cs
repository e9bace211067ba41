using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Mastodon.Models;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>
/// Renders a page of notification groups as GroupedNotificationsResults, in batches like <see cref="NotificationRenderer"/>:
/// the sample accounts, statuses, reports and groups of the whole page are each loaded and rendered once (ADR 79).
/// </summary>
public sealed class NotificationGroupRenderer(KindredDbContext db, AccountRenderer accounts, StatusRenderer statuses, ReportRenderer reports, GroupRenderer groups)
{
    /// <param name="partialAvatars">expand_accounts=partial_avatars: only each group's newest sender in full.</param>
    public async Task<MastodonGroupedNotifications> RenderAsync(IReadOnlyList<GroupedNotification> page, long viewerId, bool partialAvatars, CancellationToken ct = default)
    {
        var accountIds = page.SelectMany(g => g.SampleAccountIds).Distinct().ToList();
        var accountRows = accountIds.Count == 0 ? [] : await db.Accounts.AsNoTracking()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Where(a => accountIds.Contains(a.Id))
            .ToListAsync(ct);
        var renderedAccounts = (await accounts.RenderManyAsync(accountRows, viewerId, ct)).ToDictionary(a => a.Id);
        var notifications = page.Select(g => g.MostRecent).ToList();
        // The notification queries have already kept only statuses the viewer may read.
        var statusIds = notifications.Where(n => n.StatusId is not null).Select(n => n.StatusId!.Value).Distinct().ToList();
        var renderedStatuses = (await statuses.RenderIdsAsync(statusIds, Viewer.Member(viewerId), FilterContexts.Notifications, ct)).ToDictionary(s => s.Id);
        // A status a "hide" filter of the notifications context matches takes its group with it, as in v1 (ADR 68).
        var present = statusIds.Count == 0 ? [] : (await db.Statuses.AsNoTracking().Where(s => statusIds.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        var reportIds = notifications.Where(n => n.ReportId is not null).Select(n => n.ReportId!.Value).Distinct().ToList();
        var reportRows = reportIds.Count == 0 ? [] : await db.Reports.AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToListAsync(ct);
        var renderedReports = (await reports.RenderManyAsync(reportRows, viewerId, ct)).ToDictionary(r => r.Id);
        var renderedGroups = await groups.RenderIdsAsync(notifications.Where(n => n.GroupId is not null).Select(n => n.GroupId!.Value).Distinct().ToList(), ct);

        var shown = page
            .Where(g => renderedAccounts.ContainsKey(Id(g.MostRecent.FromAccountId)))
            .Where(g => g.MostRecent.StatusId is not { } statusId || renderedStatuses.ContainsKey(Id(statusId)) || !present.Contains(statusId))
            .Select(g => (Group: g, Samples: g.SampleAccountIds.Select(Id).Where(renderedAccounts.ContainsKey).ToList()))
            .ToList();
        var full = partialAvatars ? shown.Select(s => Id(s.Group.MostRecent.FromAccountId)).ToHashSet() : shown.SelectMany(s => s.Samples).ToHashSet();
        var partial = partialAvatars ? shown.SelectMany(s => s.Samples).Distinct().Where(id => !full.Contains(id)).ToList() : [];
        return new MastodonGroupedNotifications
        {
            Accounts = full.Select(id => renderedAccounts[id]).ToList(),
            PartialAccounts = partialAvatars ? partial.Select(id => Partial(renderedAccounts[id])).ToList() : null,
            Statuses = shown.Where(s => s.Group.MostRecent.StatusId is not null).Select(s => renderedStatuses.GetValueOrDefault(Id(s.Group.MostRecent.StatusId!.Value)))
                .OfType<MastodonStatus>().DistinctBy(s => s.Id).ToList(),
            NotificationGroups = shown.Select(s =>
            {
                var (g, samples) = s;
                var n = g.MostRecent;
                return new MastodonNotificationGroup
                {
                    GroupKey = g.Key,
                    NotificationsCount = g.Count,
                    Type = n.Type,
                    MostRecentNotificationId = Id(n.Id),
                    PageMinId = g.PageMinId is { } min ? Id(min) : null,
                    PageMaxId = g.PageMaxId is { } max ? Id(max) : null,
                    LatestPageNotificationAt = g.LatestPageNotificationAt is { } at ? MastodonTime.Format(at) : null,
                    SampleAccountIds = samples,
                    StatusId = n.StatusId is { } statusId && renderedStatuses.ContainsKey(Id(statusId)) ? Id(statusId) : null,
                    Report = n.ReportId is { } reportId ? renderedReports.GetValueOrDefault(Id(reportId)) : null,
                    Group = n.GroupId is { } groupId ? renderedGroups.GetValueOrDefault(groupId) : null,
                    AidItemId = n.AidItemId is { } aidItemId ? Id(aidItemId) : null,
                };
            }).ToList(),
        };
    }

    private static MastodonPartialAccount Partial(MastodonAccount a) => new()
    {
        Id = a.Id,
        Acct = a.Acct,
        Url = a.Url,
        Avatar = a.Avatar,
        AvatarStatic = a.AvatarStatic,
        Locked = a.Locked,
        Bot = a.Bot,
    };

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
