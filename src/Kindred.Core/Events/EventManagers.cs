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
    /// <summary>Organizer, a moderator (or above) of the event's group, a server admin, or, for the organization's own
    /// events, its staff.</summary>
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
        return await db.Users.InRoles(Roles.CanAdminister).AnyAsync(u => u.Id == id, ct)
            || (await db.Organizations.AnyAsync(o => o.AccountId == ev.OrganizerId, ct) && await SpeaksForOrganizationAsync(db, id, ct));
    }

    /// <summary>The organization's events are managed by its staff, who organize them as the organization (ADR 65):
    /// active members whose role may act as it.</summary>
    public static Task<bool> SpeaksForOrganizationAsync(KindredDbContext db, long accountId, CancellationToken ct = default) =>
        db.Users.Active().InRoles(Roles.MayActAsOrganization).AnyAsync(u => u.Id == accountId, ct);

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
