using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>
/// THE rule for who may know a group exists (ADR 21): public groups — everyone; members-only groups — signed-in members
/// of this server; secret groups — their own members only. Everyone else gets a 404, in lists and counts as well. Who
/// may read the group's posts is a separate clause of <see cref="StatusVisibility"/> (ADR 20).
/// </summary>
public static class GroupAccess
{
    /// <summary>The groups <paramref name="viewer"/> may see; translates to SQL on SQLite and PostgreSQL.</summary>
    public static IQueryable<Group> VisibleTo(this IQueryable<Group> groups, KindredDbContext db, Viewer viewer)
    {
        if (viewer.AccountId is not { } id)
        {
            return groups.Where(g => g.Visibility == GroupVisibility.Public);
        }
        return groups.Where(g => g.Visibility != GroupVisibility.Secret
            || db.GroupMemberships.Any(m => m.GroupId == g.Id && m.AccountId == id));
    }

    /// <summary>The same rule for one group by id.</summary>
    public static Task<bool> CanSeeAsync(KindredDbContext db, long groupId, Viewer viewer, CancellationToken ct = default) =>
        db.Groups.Where(g => g.Id == groupId).VisibleTo(db, viewer).AnyAsync(ct);

    /// <summary>The same rule for a group already loaded (its visibility known); reads the membership only for secret groups.</summary>
    public static async Task<bool> CanSeeAsync(KindredDbContext db, Group group, Viewer viewer, CancellationToken ct = default) =>
        group.Visibility switch
        {
            GroupVisibility.Public => true,
            GroupVisibility.Members => viewer.AccountId is not null,
            _ => viewer.AccountId is { } id && await db.GroupMemberships.AnyAsync(m => m.GroupId == group.Id && m.AccountId == id, ct),
        };

    /// <summary>Whether <paramref name="role"/> may moderate the group: remove posts, pin, decide requests, kick and ban.</summary>
    public static bool CanModerate(GroupRole? role) => role >= GroupRole.Moderator;

    /// <summary>Who may organize a group's events: its moderators, or any member when members may organize events.</summary>
    public static bool MayOrganizeEvents(GroupRole? role, bool membersMayCreate) => role is not null && (membersMayCreate || CanModerate(role));

    /// <summary>Whether <paramref name="role"/> may change the group's settings and members' roles.</summary>
    public static bool CanAdminister(GroupRole? role) => role >= GroupRole.Admin;
}
