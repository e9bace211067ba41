using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Events;

/// <summary>
/// Every change to events (ADR 28). An event the actor may not see (<see cref="EventAccess"/>) is "not found"; one they
/// see but may not change is "forbidden".
/// </summary>
public sealed class EventService(KindredDbContext db, TimeProvider time, IOptions<EventsOptions> options)
{
    /// <summary>
    /// Organizes an event. Group events need a moderator (or above) of the group unless members may organize events, and
    /// then the organizer must be a member; events outside a group need staff unless members may organize events.
    /// </summary>
    public async Task<Event> CreateAsync(long organizerId, EventInput input, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == organizerId, ct);
        if (user?.Status != UserStatus.Active)
        {
            throw KindredException.Forbidden("Your account is not active.");
        }
        var staff = Roles.IsStaff(user.Role) || Roles.CanModerate(user.Role);
        var visibility = input.Visibility ?? (input.GroupId is null ? EventVisibility.Public : EventVisibility.Group);
        if (input.GroupId is { } groupId)
        {
            var role = await db.GroupMemberships.Where(m => m.GroupId == groupId && m.AccountId == organizerId)
                .Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
            if (role is null)
            {
                throw await db.Groups.Where(g => g.Id == groupId).VisibleTo(db, Statuses.Viewer.Member(organizerId)).AnyAsync(ct)
                    ? KindredException.Forbidden("Only members of the group may organize its events.")
                    : KindredException.NotFound();
            }
            if (!GroupAccess.CanModerate(role) && !options.Value.MembersMayCreate)
            {
                throw KindredException.Forbidden("Only the group's moderators may organize its events.");
            }
        }
        else
        {
            if (visibility == EventVisibility.Group)
            {
                throw KindredException.Invalid("group_id", "Choose the group whose members should see this event.");
            }
            if (!staff && !options.Value.MembersMayCreate)
            {
                throw KindredException.Forbidden("On this server only staff may organize events.");
            }
        }
        var zone = EventRules.Zone(input.TimeZone);
        var (start, end) = EventRules.Times(input.StartsAt, input.EndsAt);
        var mode = input.Mode ?? (string.IsNullOrWhiteSpace(input.OnlineUrl) ? EventMode.InPerson : EventMode.Online);
        var onlineUrl = EventRules.OnlineUrl(input.OnlineUrl);
        EventRules.Place(mode, onlineUrl);
        var now = time.UtcNow();
        var ev = new Event
        {
            Id = Snowflake.NewId(now),
            OrganizerId = organizerId,
            GroupId = input.GroupId,
            Title = EventRules.Title(input.Title),
            Description = EventRules.Description(input.Description),
            StartsAt = start,
            EndsAt = end,
            TimeZone = zone.Id,
            Recurrence = EventRecurrence.Normalize(input.Recurrence),
            Mode = mode,
            PlaceName = EventRules.PlaceName(input.PlaceName),
            Address = EventRules.Address(input.Address),
            AreaName = EventRules.AreaName(input.AreaName),
            OnlineUrl = onlineUrl,
            Capacity = EventRules.Capacity(input.Capacity),
            Visibility = visibility,
            CreatedAt = now,
            UpdatedAt = now,
        };
        ev.DescriptionHtml = ev.Description.Length == 0 ? "" : SafeHtml.RenderMarkdown(ev.Description);
        if (input.Latitude is { } lat && input.Longitude is { } lon)
        {
            (ev.Latitude, ev.Longitude) = CoarseLocation.Round(lat, lon);
        }
        else if (input.Latitude is not null || input.Longitude is not null)
        {
            throw KindredException.Invalid("latitude", "Give both latitude and longitude, or neither.");
        }
        var position = 0;
        foreach (var question in EventRules.Questions(input.Questions ?? []))
        {
            ev.Questions.Add(new EventQuestion { EventId = ev.Id, Position = position++, Text = question });
        }
        db.Events.Add(ev);
        await db.SaveChangesAsync(ct);
        return ev;
    }
}
