using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>
/// Reports about a group's posts for the group's moderators (ADR 74). They read the same reports as the server's console,
/// never copies: a dismissal here closes the report there, and a decision there takes it off this queue. A group's
/// moderators see a report only when it concerns a post of their group and a person whose role in the group is below
/// theirs (so nobody judges a report about themselves or a fellow moderator's superior); they see only the group's posts
/// of it. Removing posts and banning go through <see cref="Groups.GroupService"/>, which audits them.
/// </summary>
public sealed class GroupReports(KindredDbContext db, AuditLog audit, TimeProvider time)
{
    public const int Shown = 100;

    /// <summary>The open reports about the group's posts, oldest first (the longest waiting on top).</summary>
    public async Task<IReadOnlyList<GroupReport>> OpenAsync(long viewerId, long groupId, CancellationToken ct = default)
    {
        var (_, role) = await ModeratorAsync(viewerId, groupId, ct);
        var notBelow = NotBelow(role);
        var reports = await db.Reports.AsNoTracking().Include(r => r.Snapshot)
            .Where(r => r.ActionTakenAt == null && r.Snapshot.Any(p => db.Statuses.Any(s => s.Id == p.StatusId && s.GroupId == groupId)))
            .Where(r => !db.GroupMemberships.Any(m => m.GroupId == groupId && m.AccountId == r.TargetAccountId && notBelow.Contains(m.Role)))
            .OrderBy(r => r.Id).Take(Shown).ToListAsync(ct);
        var ids = reports.SelectMany(r => r.Snapshot).Select(p => p.StatusId).Distinct().ToList();
        var live = await db.Statuses.AsNoTracking().Where(s => ids.Contains(s.Id) && s.GroupId == groupId)
            .Select(s => new { s.Id, s.DeletedAt }).ToDictionaryAsync(s => s.Id, s => s.DeletedAt != null, ct);
        var targets = reports.Select(r => r.TargetAccountId).Distinct().ToList();
        var banned = (await db.GroupBans.AsNoTracking().Where(b => b.GroupId == groupId && targets.Contains(b.AccountId)).Select(b => b.AccountId).ToListAsync(ct)).ToHashSet();
        return reports.OrderBy(r => r.Id).Select(r =>
        {
            var posts = r.Snapshot.Where(p => live.ContainsKey(p.StatusId)).OrderBy(p => p.StatusId).Select(p => new GroupReportedPost(p, live[p.StatusId])).ToList();
            return new GroupReport(r.Id, r.CreatedAt, r.Category, r.TargetAccountId, r.TargetUsername, r.TargetDisplayName, banned.Contains(r.TargetAccountId),
                posts.Count == r.Snapshot.Count, posts);
        }).ToList();
    }

    /// <summary>
    /// Closes a report with no action against anyone, for everyone (the server's console shows it decided by this
    /// moderator). Only a report wholly about the group's posts: one that also concerns posts elsewhere stays with the
    /// server's moderators.
    /// </summary>
    public async Task<Report> DismissAsync(long viewerId, long groupId, long reportId, CancellationToken ct = default)
    {
        var (group, role) = await ModeratorAsync(viewerId, groupId, ct);
        var notBelow = NotBelow(role);
        var report = await db.Reports.Include(r => r.Snapshot).FirstOrDefaultAsync(r => r.Id == reportId, ct);
        var postIds = report?.Snapshot.Select(p => p.StatusId).ToList() ?? [];
        var inGroup = await db.Statuses.CountAsync(s => postIds.Contains(s.Id) && s.GroupId == groupId, ct);
        // A report about nothing of this group, or about someone the viewer may not judge, does not exist for them.
        if (report is null || inGroup == 0
            || await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == report.TargetAccountId && notBelow.Contains(m.Role), ct))
        {
            throw KindredException.NotFound();
        }
        if (report.ActionTakenAt is not null)
        {
            throw KindredException.Conflict("This report was already decided.");
        }
        if (inGroup < postIds.Count)
        {
            throw KindredException.Forbidden("This report is also about posts outside the group: the server's moderators decide it.");
        }
        report.ActionTakenAt = time.UtcNow();
        report.ActionTakenByAccountId = viewerId;
        audit.Add(viewerId, AuditActions.GroupReportDismiss, AuditTarget.Group(groupId), $"Dismissed a report about @{report.TargetUsername} in {group.Name}.",
            after: string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{{\"report\":{report.Id}}}"));
        await db.SaveChangesAsync(ct);
        return report;
    }

    // Roles are stored by name, so "at or above" is a list of names in SQL.
    private static List<GroupRole> NotBelow(GroupRole role) => Enum.GetValues<GroupRole>().Where(r => r >= role).ToList();

    // A group the viewer cannot see is not found; one they see but do not moderate is forbidden.
    private async Task<(Group Group, GroupRole Role)> ModeratorAsync(long viewerId, long groupId, CancellationToken ct)
    {
        var group = await db.Groups.AsNoTracking().Where(g => g.Id == groupId).VisibleTo(db, Viewer.Member(viewerId)).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound();
        var role = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId && m.AccountId == viewerId).Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
        return GroupAccess.CanModerate(role) ? (group, role!.Value)
            : throw KindredException.Forbidden("Only the group's moderators read its reports.");
    }
}
