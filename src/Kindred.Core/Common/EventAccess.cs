using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Core.Common;

/// <summary>
/// THE rule for who may see an event at all (ADR 28): an event a viewer may not see is a 404 on every read path,
/// calendars and notifications included. Who manages an event and who sees its private details is the events feature's
/// own rule (<c>Events/EventManagers</c>).
/// </summary>
/// <remarks>
/// Public events — everyone; members events — signed-in members; group events — the group's members and the organizer
/// (and the group itself must be visible to them). Members never see the events of someone they block or who blocks
/// them.
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
}
