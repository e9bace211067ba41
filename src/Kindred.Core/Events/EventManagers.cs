using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Events;

/// <summary>
/// THE rules for who may manage an event (<see cref="CanManageAsync"/>) and who sees its private details — the street
/// address and the online link (<see cref="SeesPrivateDetailsAsync"/>), ADR 28. Who may see the event at all is
/// <see cref="EventAccess"/>'s. Private details go to the people managing the event and to those going to it; everyone
/// else sees the place name and the coarse area.
/// </summary>
public static class EventManagers
{
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
