using Kindred.Core.Accounts;
using Kindred.Core.Events;
using Kindred.Core.Groups;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Web.Events;

/// <summary>What the event form needs to know about its organizer before showing anything.</summary>
public static class EventForms
{
    /// <summary>
    /// The groups the member may organize events for: every group they belong to when members may organize events,
    /// otherwise the ones they moderate (the same rule as EventService.CreateAsync, asked first so nobody fills a form they cannot send).
    /// </summary>
    public static async Task<IReadOnlyList<GroupOption>> GroupsAsync(KindredDbContext db, long accountId, bool membersMayCreate, CancellationToken ct = default)
    {
        var rows = await db.GroupMemberships.Where(m => m.AccountId == accountId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name, g.Slug, m.Role })
            .ToListAsync(ct);
        return rows.Where(r => membersMayCreate || GroupAccess.CanModerate(r.Role))
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new GroupOption(r.Id, r.Name, r.Slug)).ToList();
    }

    /// <summary>Whether the member may organize an event outside any group.</summary>
    public static bool MayOrganizeAlone(UserRole? role, EventsOptions options) =>
        options.MembersMayCreate || role is { } r && (Roles.IsStaff(r) || Roles.CanModerate(r));
}
