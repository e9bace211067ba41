using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
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
                throw await db.Groups.Where(g => g.Id == groupId).VisibleTo(db, Viewer.Member(organizerId)).AnyAsync(ct)
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

    public const int MaxAnswer = 1_000;

    /// <summary>
    /// Answers for one occurrence (ADR 28). "Going" takes a place with a guarded UPDATE on the occurrence's counter and
    /// becomes <see cref="RsvpResponse.Waitlisted"/> when none is left; leaving "going" frees the place and promotes the
    /// oldest waiting answer in the same transaction. Someone already going or waiting keeps their place when they answer
    /// "going" again (e.g. to change their answers to the questions).
    /// </summary>
    /// <exception cref="KindredException">NotFound when the event is not visible to the member; Invalid for a cancelled
    /// event, an occurrence that is not one of the series or is over, or answers that are too long or too many.</exception>
    public async Task<EventRsvp> RsvpAsync(long accountId, long eventId, RsvpRequest request, CancellationToken ct = default)
    {
        if (request.Response == RsvpResponse.Waitlisted)
        {
            throw KindredException.Invalid("response", "Answer going, maybe or not going.");
        }
        var ev = await VisibleEventAsync(accountId, eventId, ct);
        if (ev.CancelledAt is not null)
        {
            throw KindredException.Invalid("event", "This event was cancelled.");
        }
        var answers = Answers(ev, request.Answers);
        var start = EventOccurrences.RequireUpcoming(ev, request.OccurrenceStartsAt, time.UtcNow());
        // Two answers from the same person at once (a double click) race on the unique index; the loser tries again
        // and then finds the winner's row.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await AnswerAsync(ev, start, accountId, request.Response, answers, ct);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<EventRsvp> AnswerAsync(Event ev, DateTime start, long accountId, RsvpResponse wanted, IReadOnlyList<string>? answers, CancellationToken ct)
    {
        var now = time.UtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await EnsureOccurrenceAsync(ev.Id, start, ct);
        var rsvp = await db.EventRsvps.FirstOrDefaultAsync(r => r.EventId == ev.Id && r.OccurrenceStartsAt == start && r.AccountId == accountId, ct);
        var before = rsvp?.Response;
        if (rsvp is null)
        {
            rsvp = new EventRsvp { Id = Snowflake.NewId(now), EventId = ev.Id, OccurrenceStartsAt = start, AccountId = accountId, CreatedAt = now, UpdatedAt = now };
            db.EventRsvps.Add(rsvp);
        }
        var after = wanted;
        if (wanted == RsvpResponse.Going)
        {
            if (before is RsvpResponse.Going or RsvpResponse.Waitlisted)
            {
                after = before.Value;
            }
            else if (!await TakePlaceAsync(ev, start, ct))
            {
                after = RsvpResponse.Waitlisted;
                await Occurrence(ev.Id, start).ExecuteUpdateAsync(s => s.SetProperty(o => o.WaitlistCount, o => o.WaitlistCount + 1), ct);
            }
        }
        else if (before == RsvpResponse.Going)
        {
            await Occurrence(ev.Id, start).ExecuteUpdateAsync(s => s.SetProperty(o => o.GoingCount, o => o.GoingCount - 1), ct);
        }
        else if (before == RsvpResponse.Waitlisted)
        {
            await Occurrence(ev.Id, start).ExecuteUpdateAsync(s => s.SetProperty(o => o.WaitlistCount, o => o.WaitlistCount - 1), ct);
        }
        if (after != before)
        {
            rsvp.Response = after;
            rsvp.UpdatedAt = now;
        }
        if (after == RsvpResponse.NotGoing)
        {
            // Someone not coming keeps no answers about their diet or access needs.
            (rsvp.Answer1, rsvp.Answer2, rsvp.Answer3) = ("", "", "");
        }
        else if (answers is not null)
        {
            rsvp.Answer1 = answers.ElementAtOrDefault(0) ?? "";
            rsvp.Answer2 = answers.ElementAtOrDefault(1) ?? "";
            rsvp.Answer3 = answers.ElementAtOrDefault(2) ?? "";
        }
        await db.SaveChangesAsync(ct);
        if (before == RsvpResponse.Going && after != RsvpResponse.Going)
        {
            await PromoteAsync(ev, start, 1, ct);
        }
        await transaction.CommitAsync(ct);
        return rsvp;
    }

    /// <summary>
    /// Moves the oldest waiting answers to "going" while places are free, at most <paramref name="max"/> of them, telling
    /// each person (pleroma:participation_accepted). Runs inside the caller's transaction.
    /// </summary>
    private async Task PromoteAsync(Event ev, DateTime start, int max, CancellationToken ct)
    {
        var now = time.UtcNow();
        var promoted = 0;
        var skipped = new List<long>();
        while (promoted < max)
        {
            var next = await db.EventRsvps.AsNoTracking()
                .Where(r => r.EventId == ev.Id && r.OccurrenceStartsAt == start && r.Response == RsvpResponse.Waitlisted && !skipped.Contains(r.Id))
                .OrderBy(r => r.UpdatedAt).ThenBy(r => r.Id)
                .Select(r => new { r.Id, r.AccountId })
                .FirstOrDefaultAsync(ct);
            if (next is null || !await TakePlaceAsync(ev, start, ct))
            {
                break;
            }
            // Guarded on the answer still waiting: a concurrent promotion or a change of mind may have moved it already.
            var moved = await db.EventRsvps.Where(r => r.Id == next.Id && r.Response == RsvpResponse.Waitlisted)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Response, RsvpResponse.Going).SetProperty(r => r.UpdatedAt, now), ct);
            if (moved == 0)
            {
                await Occurrence(ev.Id, start).ExecuteUpdateAsync(s => s.SetProperty(o => o.GoingCount, o => o.GoingCount - 1), ct);
                skipped.Add(next.Id);
                continue;
            }
            await Occurrence(ev.Id, start).ExecuteUpdateAsync(s => s.SetProperty(o => o.WaitlistCount, o => o.WaitlistCount - 1), ct);
            await Notify.AddForEventAsync(db, now, NotificationTypes.EventParticipationAccepted, next.AccountId, ev.OrganizerId, ev.Id, ct);
            promoted++;
        }
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The guarded UPDATE of ADR 28: true when a place was free and is now taken.</summary>
    private async Task<bool> TakePlaceAsync(Event ev, DateTime start, CancellationToken ct)
    {
        var occurrence = Occurrence(ev.Id, start);
        if (ev.Capacity is { } capacity)
        {
            occurrence = occurrence.Where(o => o.GoingCount < capacity);
        }
        return await occurrence.ExecuteUpdateAsync(s => s.SetProperty(o => o.GoingCount, o => o.GoingCount + 1), ct) == 1;
    }

    private IQueryable<EventOccurrence> Occurrence(long eventId, DateTime start) =>
        db.EventOccurrences.Where(o => o.EventId == eventId && o.StartsAt == start);

    /// <summary>Creates the occurrence's counter row with its first answer; a concurrent first answer is not an error.</summary>
    private async Task EnsureOccurrenceAsync(long eventId, DateTime start, CancellationToken ct)
    {
        if (await Occurrence(eventId, start).AnyAsync(ct))
        {
            return;
        }
        // INSERT … ON CONFLICT DO NOTHING is the same statement on SQLite and PostgreSQL.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO \"EventOccurrences\" (\"EventId\", \"StartsAt\", \"GoingCount\", \"WaitlistCount\") VALUES ({eventId}, {start}, 0, 0) ON CONFLICT DO NOTHING", ct);
    }

    private static List<string>? Answers(Event ev, IReadOnlyList<string>? answers)
    {
        if (answers is null)
        {
            return null;
        }
        var clean = answers.Select(a => (a ?? "").Trim()).ToList();
        while (clean.Count > 0 && clean[^1].Length == 0)
        {
            clean.RemoveAt(clean.Count - 1);
        }
        if (clean.Count > ev.Questions.Count)
        {
            throw KindredException.Invalid("answers", ev.Questions.Count == 0 ? "This event asks no questions." : $"This event asks {ev.Questions.Count} question(s); give at most that many answers.");
        }
        if (clean.Any(a => a.Length > MaxAnswer))
        {
            throw KindredException.Invalid("answers", $"An answer is too long (at most {MaxAnswer} characters).");
        }
        return clean;
    }

    /// <summary>The event with its questions when <paramref name="accountId"/> may see it (EventAccess), else not found.</summary>
    private async Task<Event> VisibleEventAsync(long accountId, long eventId, CancellationToken ct) =>
        await db.Events.VisibleTo(db, Viewer.Member(accountId)).Include(e => e.Questions).AsNoTracking().FirstOrDefaultAsync(e => e.Id == eventId, ct)
        ?? throw KindredException.NotFound();
}
