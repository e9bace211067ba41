using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Events;

/// <summary>
/// THE rules for events (ADR 28): who may see an event at all (<see cref="VisibleTo"/>), who may manage it
/// (<see cref="CanManageAsync"/>), and who sees its private details — the street address and the online link
/// (<see cref="SeesPrivateDetailsAsync"/>). An event a viewer may not see is a 404 on every read path, calendars included.
/// </summary>
/// <remarks>
/// Public events — everyone; members events — signed-in members; group events — the group's members and the organizer
/// (and the group itself must be visible to them). Members never see the events of someone they block or who blocks
/// them. Private details go to the people managing the event and to those going to it; everyone else sees the place
/// name and the coarse area.
/// </remarks>
public static class EventAccess
{
    /// <summary>The events <paramref name="viewer"/> may see; translates to SQL on SQLite and PostgreSQL.</summary>
    public static IQueryable<Event> VisibleTo(this IQueryable<Event> events, KindredDbContext db, Viewer viewer)
    {
        // A group's event is seen only by those who may see the group: that rule is GroupAccess's.
        var groups = db.Groups.VisibleTo(db, viewer);
        var active = events.Where(e => db.Users.Active().Any(u => u.Id == e.OrganizerId));
        if (viewer.AccountId is not { } id)
        {
            return active.Where(e => e.Visibility == EventVisibility.Public && (e.GroupId == null || groups.Any(g => g.Id == e.GroupId)));
        }
        // Nobody can block themselves, so the block test may stand outside the organizer's clause.
        return active.Where(e => e.OrganizerId == id
                || ((e.GroupId == null || groups.Any(g => g.Id == e.GroupId))
                    && (e.Visibility != EventVisibility.Group
                        || db.GroupMemberships.Any(m => m.GroupId == e.GroupId && m.AccountId == id))))
            .WithoutBlocksWith(db.Blocks, id, e => e.OrganizerId);
    }

    /// <summary>Organizer, a moderator (or above) of the event's group, or a server admin.</summary>
    public static async Task<bool> CanManageAsync(KindredDbContext db, Event ev, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.AccountId is not { } id)
        {
            return false;
        }
        if (ev.OrganizerId == id)
        {
            return true;
        }
        if (ev.GroupId is { } groupId)
        {
            var role = await db.GroupMemberships.Where(m => m.GroupId == groupId && m.AccountId == id).Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
            if (GroupAccess.CanModerate(role))
            {
                return true;
            }
        }
        return await db.Users.InRoles(Roles.CanAdminister).AnyAsync(u => u.Id == id, ct);
    }

    /// <summary>Whether the viewer sees the address and the online link: managers, and people going to any occurrence.</summary>
    public static async Task<bool> SeesPrivateDetailsAsync(KindredDbContext db, Event ev, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.AccountId is not { } id)
        {
            return false;
        }
        return await db.EventRsvps.AnyAsync(r => r.EventId == ev.Id && r.AccountId == id && r.Response == RsvpResponse.Going, ct)
            || await CanManageAsync(db, ev, viewer, ct);
    }
}
