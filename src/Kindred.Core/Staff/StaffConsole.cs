using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Organizations;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Staff;

/// <summary>The staff console's counts (ADR 59): each part asked only for a viewer who may act on it.</summary>
public sealed class StaffConsole(KindredDbContext db, EventQueries events, TimeProvider time)
{
    public const int NewMembersShown = 10;
    public const int EventsShown = 10;
    public static readonly TimeSpan NewMemberWindow = TimeSpan.FromDays(7);
    public static readonly TimeSpan EventWindow = TimeSpan.FromDays(14);

    public async Task<ConsoleSummary> SummaryAsync(long? viewerId, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequireConsoleAsync(db, viewerId, ct);
        var (applications, reports, escalations, needsReply, appeals, safety) = await WaitingPartsAsync(viewer, ct);
        IReadOnlyList<PersonRow>? newMembers = null;
        int? newCount = null;
        IReadOnlyList<EventView>? upcoming = null;
        if (Roles.CanSeePeople(viewer.Role))
        {
            var now = time.UtcNow();
            var since = now - NewMemberWindow;
            var joined = db.Users.AsNoTracking().Active().Where(u => u.CreatedAt >= since);
            newCount = await joined.CountAsync(ct);
            newMembers = await joined.OrderByDescending(u => u.Id).Take(NewMembersShown)
                .Select(u => new PersonRow(u.Id, u.Account.Username, u.Account.DisplayName, u.CreatedAt, null, null, Array.Empty<string>()))
                .ToListAsync(ct);
            var page = await events.UpcomingAsync(Viewer.Member(viewer.Id), new EventFilter(From: now, To: now + EventWindow, Limit: EventsShown), ct);
            upcoming = page.Items;
        }
        return new ConsoleSummary(applications, reports, escalations, needsReply, newMembers, newCount, upcoming, appeals, safety);
    }

    /// <summary>The navigation badge's count: zero for someone the console is not for, so the link can stay hidden.</summary>
    public async Task<int?> WaitingAsync(long? viewerId, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.LoadAsync(db, viewerId, ct);
        if (viewer is null || !StaffAccess.MayUseConsole(viewer))
        {
            return null;
        }
        var (applications, reports, escalations, needsReply, appeals, safety) = await WaitingPartsAsync(viewer, ct);
        return (applications ?? 0) + (reports ?? 0) + (escalations ?? 0) + (needsReply ?? 0) + (appeals ?? 0) + (safety ?? 0);
    }

    private async Task<(int? Applications, int? Reports, int? Escalations, int? NeedsReply, int? Appeals, int? Safety)> WaitingPartsAsync(StaffViewer viewer, CancellationToken ct)
    {
        int? applications = Roles.CanDecideApplications(viewer.Role)
            ? await db.Users.CountAsync(u => u.Status == UserStatus.Pending, ct)
            : null;
        int? reports = Roles.CanModerate(viewer.Role)
            ? await db.Reports.CountAsync(r => r.ActionTakenAt == null, ct)
            : null;
        int? escalations = viewer.IsLead
            ? await db.AidEscalations.CountAsync(e => e.ReviewedAt == null, ct)
            : null;
        // "I feel unsafe" about a conversation or a person (ADR 75) waits for the same leads.
        int? safety = viewer.IsLead
            ? await db.SafetyEscalations.CountAsync(e => e.ReviewedAt == null, ct)
            : null;
        // The inbox is for those who answer as the organization (ADR 66), the same staff who see its people.
        int? needsReply = Roles.CanSeePeople(viewer.Role)
            ? await db.InboxConversations.Waiting(time.UtcNow()).CountAsync(ct)
            : null;
        // Appeals wait for the same moderators as reports (ADR 71).
        int? appeals = Roles.CanModerate(viewer.Role)
            ? await db.Appeals.CountAsync(a => a.DecidedAt == null, ct)
            : null;
        return (applications, reports, escalations, needsReply, appeals, safety);
    }
}
