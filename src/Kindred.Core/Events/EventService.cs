using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Federation;
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
public sealed class EventService(KindredDbContext db, Notify notify, TimeProvider time, IOptions<EventsOptions> options, StatusService statuses, IOptions<KindredOptions> kindred,
    FederationOutbox outbox)
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
            if (!GroupAccess.MayOrganizeEvents(role, options.Value.MembersMayCreate))
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
            if (!Roles.MayOrganizeEvents(user.Role, options.Value.MembersMayCreate))
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
        if (ev.Recurrence is { } rule)
        {
            EventRecurrence.RequireOccurs(rule, ev.StartsAt, ev.TimeZone);
        }
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
        // The event and its announcement exist together or not at all.
        await db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            if (await AnnouncementAsync(ev, input.BaseUrl, ct) is { } announcement)
            {
                var status = await statuses.CreateAsync(organizerId, announcement, ct);
                ev.StatusId = status.Id;
                await db.SaveChangesAsync(ct);
            }
            await outbox.EventChangedAsync(ev, wasFederated: false, ct);
            await db.SaveChangesAsync(ct);
        }, ct);
        return ev;
    }

    /// <summary>
    /// The announcement as an ordinary post by the organizer (ADR 32): public events post publicly, members events
    /// members-only, group events into the group. Its audience is never wider than the event's: a post in a public group
    /// is public, so a members event of a public group is announced members-only outside the group, and a group-only
    /// event of a public group gets no announcement at all (null). Replies to it are the event's discussion.
    /// </summary>
    private async Task<NewStatus?> AnnouncementAsync(Event ev, string? baseUrl, CancellationToken ct)
    {
        var url = baseUrl ?? kindred.Value.PublicUrl ?? "";
        var words = await OrganizerWordsAsync(ev, ct);
        var text = EventAnnouncement.Text(ev, url, words, await AnnouncementTimesAsync(ev, words, ct));
        if (ev.GroupId is not { } groupId)
        {
            return new NewStatus(text, url, ev.Visibility == EventVisibility.Public ? Audience.Public : Audience.Members, Language: words.Language);
        }
        var publicGroup = await db.Groups.AnyAsync(g => g.Id == groupId && g.Visibility == GroupVisibility.Public, ct);
        return (ev.Visibility, publicGroup) switch
        {
            (EventVisibility.Group, true) => null,
            (EventVisibility.Members, true) => new NewStatus(text, url, Audience.Members, Language: words.Language),
            _ => new NewStatus(text, url, Audience.Members, Language: words.Language, GroupId: groupId),
        };
    }

    /// <summary>The announcement is the organizer's post in their language, and reads the event's own clock in the
    /// organization's region (ADR 84): "Tue, Dec 1" in Toronto, "mar. 1 déc." in Lyon.</summary>
    private async Task<TimeFormat> AnnouncementTimesAsync(Event ev, EventReminderText words, CancellationToken ct)
    {
        var organizationZone = await db.Organizations.AsNoTracking().Select(o => o.TimeZone).FirstOrDefaultAsync(ct);
        return new TimeFormat(TimeZones.Find(ev.TimeZone), TimeCultures.For(words.Language, organizationZone));
    }

    private async Task<EventReminderText> OrganizerWordsAsync(Event ev, CancellationToken ct) =>
        EventReminderText.For(await db.Users.Where(u => u.Id == ev.OrganizerId).Select(u => u.Locale).FirstOrDefaultAsync(ct));

    /// <summary>
    /// Changes an event (its managers: <see cref="EventManagers.CanManageAsync"/>); null parts of <paramref name="input"/>
    /// stay as they are. People going are told (pleroma:event_update) when the time or the place changes, and the
    /// announcement post is rewritten. A one-off event's answers move with its new start; a larger capacity promotes
    /// people from the waiting lists. The group of an event never changes.
    /// </summary>
    public async Task<Event> UpdateAsync(long actorId, long eventId, EventInput input, CancellationToken ct = default)
    {
        var ev = await ManagedEventAsync(actorId, eventId, ct);
        if (ev.CancelledAt is not null)
        {
            throw KindredException.Invalid("event", "This event was cancelled.");
        }
        var now = time.UtcNow();
        var before = (ev.StartsAt, ev.EndsAt, ev.TimeZone, ev.Recurrence, ev.RecurrenceExceptions, ev.Mode, ev.PlaceName, ev.Address, ev.OnlineUrl);
        var capacityBefore = ev.Capacity;
        var wasFederated = FederationOutbox.Federates(ev);
        if (input.GroupId is { } groupId && groupId != ev.GroupId)
        {
            throw KindredException.Invalid("group_id", "An event cannot move to another group; organize a new one.");
        }
        var title = input.Title is null ? ev.Title : EventRules.Title(input.Title);
        var zone = input.TimeZone is null ? ev.TimeZone : EventRules.Zone(input.TimeZone).Id;
        var (start, end) = (ev.StartsAt, ev.EndsAt);
        if (input.StartsAt is not null || input.EndsAt is not null)
        {
            var newStart = input.StartsAt ?? new DateTimeOffset(ev.StartsAt, TimeSpan.Zero);
            // Moving only the start keeps the length of the event.
            var newEnd = input.EndsAt ?? newStart + (ev.EndsAt - ev.StartsAt);
            (start, end) = EventRules.Times(newStart, newEnd);
        }
        var recurrence = input.Recurrence is null ? ev.Recurrence : EventRecurrence.Normalize(input.Recurrence);
        if (recurrence is not null && (recurrence, start, zone) != (ev.Recurrence, ev.StartsAt, ev.TimeZone))
        {
            EventRecurrence.RequireOccurs(recurrence, start, zone);
        }
        var mode = input.Mode ?? ev.Mode;
        var onlineUrl = input.OnlineUrl is null ? ev.OnlineUrl : EventRules.OnlineUrl(input.OnlineUrl);
        EventRules.Place(mode, onlineUrl);
        var placeName = input.PlaceName is null ? ev.PlaceName : EventRules.PlaceName(input.PlaceName);
        var address = input.Address is null ? ev.Address : EventRules.Address(input.Address);
        var areaName = input.AreaName is null ? ev.AreaName : EventRules.AreaName(input.AreaName);
        var capacity = input.Capacity is null ? ev.Capacity : EventRules.Capacity(input.Capacity);
        var description = input.Description is null ? null : EventRules.Description(input.Description);
        var visibility = input.Visibility ?? ev.Visibility;
        if (visibility == EventVisibility.Group && ev.GroupId is null)
        {
            throw KindredException.Invalid("visibility", "Only a group's event can be for the group's members.");
        }
        List<string>? questions = input.Questions is null ? null : EventRules.Questions(input.Questions);
        (double, double)? point = null;
        if (input.Latitude is { } lat && input.Longitude is { } lon)
        {
            point = CoarseLocation.Round(lat, lon);
        }
        else if (input.Latitude is not null || input.Longitude is not null)
        {
            throw KindredException.Invalid("latitude", "Give both latitude and longitude, or neither.");
        }

        // Everything is checked; now change it.
        ev.Title = title;
        if (description is not null)
        {
            ev.Description = description;
            ev.DescriptionHtml = description.Length == 0 ? "" : SafeHtml.RenderMarkdown(description);
        }
        (ev.StartsAt, ev.EndsAt, ev.TimeZone, ev.Recurrence, ev.Mode, ev.OnlineUrl) = (start, end, zone, recurrence, mode, onlineUrl);
        (ev.PlaceName, ev.Address, ev.AreaName, ev.Capacity, ev.Visibility) = (placeName, address, areaName, capacity, visibility);
        if (point is { } p)
        {
            (ev.Latitude, ev.Longitude) = p;
        }
        if (questions is not null)
        {
            // Same keys (event, position) are updated in place rather than removed and added again in one SaveChanges.
            var existing = ev.Questions.OrderBy(q => q.Position).ToList();
            for (var i = 0; i < Math.Max(existing.Count, questions.Count); i++)
            {
                if (i < questions.Count && i < existing.Count)
                {
                    existing[i].Text = questions[i];
                }
                else if (i < questions.Count)
                {
                    ev.Questions.Add(new EventQuestion { EventId = ev.Id, Position = i, Text = questions[i] });
                }
                else
                {
                    ev.Questions.Remove(existing[i]);
                }
            }
        }
        ev.UpdatedAt = now;
        var moved = (ev.StartsAt, ev.EndsAt, ev.TimeZone, ev.Recurrence, ev.RecurrenceExceptions) != (before.StartsAt, before.EndsAt, before.TimeZone, before.Recurrence, before.RecurrenceExceptions);
        var changed = moved || (ev.Mode, ev.PlaceName, ev.Address, ev.OnlineUrl) != (before.Mode, before.PlaceName, before.Address, before.OnlineUrl);

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (ev.Recurrence is null && before.Recurrence is null && ev.StartsAt != before.StartsAt)
        {
            await MoveOccurrenceAsync(ev.Id, before.StartsAt, ev.StartsAt, ct);
        }
        else if (moved)
        {
            await RescheduleSeriesAsync(ev, before.TimeZone, actorId, now, ct);
        }
        if (changed)
        {
            await NotifyAnswerersAsync(ev, actorId, [RsvpResponse.Going], null, now, ct);
        }
        await db.SaveChangesAsync(ct);
        if (ev.Capacity is null || ev.Capacity > (capacityBefore ?? int.MaxValue))
        {
            var since = now - EventRules.MaxDuration;
            var waiting = await db.EventOccurrences.AsNoTracking().Where(o => o.EventId == ev.Id && o.WaitlistCount > 0 && o.StartsAt > since)
                .Select(o => o.StartsAt).ToListAsync(ct);
            foreach (var occurrence in waiting)
            {
                await PromoteAsync(ev, occurrence, int.MaxValue, ct);
            }
        }
        await RewriteAnnouncementAsync(ev, input.BaseUrl, ct);
        await outbox.EventChangedAsync(ev, wasFederated, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return ev;
    }

    /// <summary>Cancels the whole event; everyone who answered going, maybe or is waiting for a date to come is told.</summary>
    public async Task<Event> CancelAsync(long actorId, long eventId, CancellationToken ct = default)
    {
        var ev = await ManagedEventAsync(actorId, eventId, ct);
        if (ev.CancelledAt is not null)
        {
            return ev;
        }
        var now = time.UtcNow();
        ev.CancelledAt = now;
        ev.UpdatedAt = now;
        await NotifyAnswerersAsync(ev, actorId, [RsvpResponse.Going, RsvpResponse.Maybe, RsvpResponse.Waitlisted], null, now, ct);
        // Peers hear of the cancellation as an Update whose ical:status is CANCELLED, as Mobilizon sends it.
        await outbox.EventChangedAsync(ev, FederationOutbox.Federates(ev), ct);
        await db.SaveChangesAsync(ct);
        return ev;
    }

    /// <summary>
    /// Takes one date out of a recurring series (<see cref="Event.RecurrenceExceptions"/>); the people who answered for
    /// it are told. A one-off event is cancelled with <see cref="CancelAsync"/> instead.
    /// </summary>
    public async Task<Event> CancelOccurrenceAsync(long actorId, long eventId, DateTimeOffset occurrence, CancellationToken ct = default)
    {
        var ev = await ManagedEventAsync(actorId, eventId, ct);
        if (ev.CancelledAt is not null)
        {
            throw KindredException.Invalid("event", "This event was cancelled.");
        }
        if (ev.Recurrence is null)
        {
            throw KindredException.Invalid("occurrence", "This event happens once; cancel the whole event instead.");
        }
        var now = time.UtcNow();
        var start = EventOccurrences.RequireUpcoming(ev, occurrence, now);
        var key = EventOccurrences.LocalKey(ev, start);
        var exceptions = string.IsNullOrEmpty(ev.RecurrenceExceptions) ? key : $"{ev.RecurrenceExceptions},{key}";
        if (exceptions.Length > MaxExceptions)
        {
            throw KindredException.Invalid("occurrence", "This series has too many cancelled dates; end it and organize a new one.");
        }
        ev.RecurrenceExceptions = exceptions;
        ev.UpdatedAt = now;
        await NotifyAnswerersAsync(ev, actorId, [RsvpResponse.Going, RsvpResponse.Maybe, RsvpResponse.Waitlisted], start, now, ct);
        await db.SaveChangesAsync(ct);
        return ev;
    }

    /// <summary>
    /// Marks someone going as arrived (or not, with <paramref name="present"/> false). Managers only, and only on the day
    /// of the occurrence in the event's time zone.
    /// </summary>
    public async Task<EventRsvp> CheckInAsync(long actorId, long eventId, long attendeeId, DateTimeOffset? occurrence, bool present = true, CancellationToken ct = default)
    {
        var ev = await ManagedEventAsync(actorId, eventId, ct);
        var now = time.UtcNow();
        var start = EventOccurrences.RequireUpcoming(ev, occurrence, now);
        var today = DateOnly.FromDateTime(EventOccurrences.Local(ev, now));
        if (today < DateOnly.FromDateTime(EventOccurrences.Local(ev, start)) || today > DateOnly.FromDateTime(EventOccurrences.Local(ev, start + EventOccurrences.Duration(ev))))
        {
            throw KindredException.Invalid("occurrence", "Check-in opens on the day of the event.");
        }
        var rsvp = await db.EventRsvps.FirstOrDefaultAsync(r => r.EventId == ev.Id && r.OccurrenceStartsAt == start && r.AccountId == attendeeId && r.Response == RsvpResponse.Going, ct)
            ?? throw KindredException.Invalid("account_id", "Only people going to this date can be checked in.");
        rsvp.CheckedInAt = present ? now : null;
        await db.SaveChangesAsync(ct);
        return rsvp;
    }

    /// <summary>The tracked event with its questions, when the actor may see it (else not found) and manage it (else forbidden).</summary>
    private async Task<Event> ManagedEventAsync(long actorId, long eventId, CancellationToken ct)
    {
        var ev = await db.Events.VisibleTo(db, Viewer.Member(actorId)).Include(e => e.Questions).FirstOrDefaultAsync(e => e.Id == eventId, ct)
            ?? throw KindredException.NotFound();
        if (!await EventManagers.CanManageAsync(db, ev, Viewer.Member(actorId), ct))
        {
            throw KindredException.Forbidden("Only the people organizing this event may change it.");
        }
        return ev;
    }

    /// <summary>Tells the people with one of <paramref name="responses"/> for dates not over (or for <paramref name="only"/> one date).</summary>
    private async Task NotifyAnswerersAsync(Event ev, long actorId, RsvpResponse[] responses, DateTime? only, DateTime now, CancellationToken ct)
    {
        var since = now - EventRules.MaxDuration;
        var answers = db.EventRsvps.Where(r => r.EventId == ev.Id && responses.Contains(r.Response));
        answers = only is { } start ? answers.Where(r => r.OccurrenceStartsAt == start) : answers.Where(r => r.OccurrenceStartsAt > since);
        foreach (var accountId in await answers.Select(r => r.AccountId).Distinct().ToListAsync(ct))
        {
            await notify.AddForEventAsync(now, NotificationTypes.EventUpdate, accountId, actorId, ev.Id, ct);
        }
    }

    /// <summary>A one-off event that moves takes its answers and its place counters with it.</summary>
    private async Task MoveOccurrenceAsync(long eventId, DateTime from, DateTime to, CancellationToken ct)
    {
        var counters = await Occurrence(eventId, from).AsNoTracking().FirstOrDefaultAsync(ct);
        if (counters is not null)
        {
            await EnsureOccurrenceAsync(eventId, to, ct);
            await Occurrence(eventId, to).ExecuteUpdateAsync(s => s.SetProperty(o => o.GoingCount, counters.GoingCount).SetProperty(o => o.WaitlistCount, counters.WaitlistCount), ct);
        }
        await db.EventRsvps.Where(r => r.EventId == eventId && r.OccurrenceStartsAt == from).ExecuteUpdateAsync(s => s.SetProperty(r => r.OccurrenceStartsAt, to), ct);
        await Occurrence(eventId, from).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// A series that moves (ADR 38). Each answered date still to come that the new schedule no longer has either moves
    /// to the new schedule's occurrence on the same local day, answers and counters together (a new time on the same
    /// day, as a one-off's move), or, when that day has none, is dropped with its counters: answers for a date that no
    /// longer exists would otherwise hold places nobody can use and vanish silently from "my events". The people who
    /// answered going, maybe or waiting for a dropped date are told (event_update). Dates already started stay as they were.
    /// </summary>
    private async Task RescheduleSeriesAsync(Event ev, string zoneBefore, long actorId, DateTime now, CancellationToken ct)
    {
        var answered = (await db.EventRsvps.AsNoTracking().Where(r => r.EventId == ev.Id && r.OccurrenceStartsAt > now).Select(r => r.OccurrenceStartsAt).Distinct().ToListAsync(ct))
            .Union(await db.EventOccurrences.AsNoTracking().Where(o => o.EventId == ev.Id && o.StartsAt > now).Select(o => o.StartsAt).ToListAsync(ct))
            .Select(t => DateTime.SpecifyKind(t, DateTimeKind.Utc)).Distinct().Order().ToList();
        var oldZone = TimeZoneInfo.FindSystemTimeZoneById(zoneBefore);
        var newZone = TimeZoneInfo.FindSystemTimeZoneById(ev.TimeZone);
        var taken = answered.ToHashSet();
        foreach (var from in answered)
        {
            if (EventRecurrence.Occurrences(ev, from, from.AddTicks(1), 1).Count > 0)
            {
                continue;
            }
            var day = TimeZoneInfo.ConvertTimeFromUtc(from, oldZone).Date;
            var dayStart = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day, DateTimeKind.Unspecified), newZone);
            var dayEnd = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(day.AddDays(1), DateTimeKind.Unspecified), newZone);
            if (EventRecurrence.Occurrences(ev, dayStart, dayEnd, 1) is [var to] && to > now && taken.Add(to))
            {
                await MoveOccurrenceAsync(ev.Id, from, to, ct);
                continue;
            }
            RsvpResponse[] answering = [RsvpResponse.Going, RsvpResponse.Maybe, RsvpResponse.Waitlisted];
            var told = await db.EventRsvps.Where(r => r.EventId == ev.Id && r.OccurrenceStartsAt == from && answering.Contains(r.Response))
                .Select(r => r.AccountId).ToListAsync(ct);
            foreach (var accountId in told)
            {
                await notify.AddForEventAsync(now, NotificationTypes.EventUpdate, accountId, actorId, ev.Id, ct);
            }
            await db.EventRsvps.Where(r => r.EventId == ev.Id && r.OccurrenceStartsAt == from).ExecuteDeleteAsync(ct);
            await Occurrence(ev.Id, from).ExecuteDeleteAsync(ct);
        }
    }

    /// <summary>The announcement follows the event's new title, time and place (an edit of the organizer's post).</summary>
    private async Task RewriteAnnouncementAsync(Event ev, string? baseUrl, CancellationToken ct)
    {
        if (ev.StatusId is not { } statusId || !await db.Statuses.AnyAsync(s => s.Id == statusId && s.AccountId == ev.OrganizerId && s.DeletedAt == null, ct))
        {
            return;
        }
        var url = baseUrl ?? kindred.Value.PublicUrl ?? "";
        var words = await OrganizerWordsAsync(ev, ct);
        await statuses.EditAsync(ev.OrganizerId, statusId, new StatusUpdate(EventAnnouncement.Text(ev, url, words, await AnnouncementTimesAsync(ev, words, ct)), url, Language: words.Language), ct);
    }

    private const int MaxExceptions = 4_000;

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

    private Task<EventRsvp> AnswerAsync(Event ev, DateTime start, long accountId, RsvpResponse wanted, IReadOnlyList<string>? answers, CancellationToken ct) =>
        db.InTransactionAsync(() => AnswerInTransactionAsync(ev, start, accountId, wanted, answers, ct), ct);

    private async Task<EventRsvp> AnswerInTransactionAsync(Event ev, DateTime start, long accountId, RsvpResponse wanted, IReadOnlyList<string>? answers, CancellationToken ct)
    {
        var now = time.UtcNow();
        await EnsureOccurrenceAsync(ev.Id, start, ct);
        // Lock the occurrence's row first (a no-op UPDATE, portable where SELECT … FOR UPDATE is not): answers for one
        // occurrence then take turns, so the answer read next is never stale — a waiting answer promoted by someone
        // else's cancellation a moment ago is seen as "going" and frees its place when it leaves.
        await Occurrence(ev.Id, start).ExecuteUpdateAsync(s => s.SetProperty(o => o.GoingCount, o => o.GoingCount), ct);
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
            await notify.AddForEventAsync(now, NotificationTypes.EventParticipationAccepted, next.AccountId, ev.OrganizerId, ev.Id, ct);
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
