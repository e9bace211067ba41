using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Events;

/// <summary>
/// Reading events (ADR 28). Every read goes through <see cref="EventAccess.VisibleTo"/> (not visible = not found) and
/// blanks the address and the online link for viewers who may not see them (<see cref="EventAccess"/>).
/// </summary>
public sealed class EventQueries(KindredDbContext db, TimeProvider time, IOptions<EventsOptions> options)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;
    public const int MaxOffset = NearbySearch.MaxOffset;
    public const int DefaultWindowDays = 90;
    public const int MaxWindowDays = 366;
    public const int DefaultRadiusKm = NearbySearch.DefaultRadiusKm;
    public const int MinRadiusKm = NearbySearch.MinRadiusKm;
    public const int MaxRadiusKm = NearbySearch.MaxRadiusKm;

    /// <summary>At most this many events (the soonest) are expanded for one request; past it a filter narrows the list.</summary>
    public const int MaxCandidates = 2_000;

    /// <summary>
    /// One event as <paramref name="viewer"/> may see it, at <paramref name="occurrence"/> (which must be one of the
    /// series) or at its next occurrence.
    /// </summary>
    /// <exception cref="KindredException">NotFound when the viewer may not see the event; Invalid for a start that is not an occurrence.</exception>
    public async Task<EventView> GetAsync(long id, Viewer viewer, DateTimeOffset? occurrence = null, CancellationToken ct = default)
    {
        var ev = await db.Events.AsNoTracking().VisibleTo(db, viewer).Include(e => e.Questions).FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw KindredException.NotFound();
        DateTime? start;
        if (occurrence is { } asked)
        {
            start = asked.UtcDateTime;
            if (!EventOccurrences.IsOccurrence(ev, start.Value))
            {
                throw KindredException.Invalid("occurrence", "The event does not take place at that time.");
            }
        }
        else
        {
            // A series that is over still shows its last date rather than nothing.
            start = EventOccurrences.Next(ev, time.UtcNow()) ?? (ev.Recurrence is null ? ev.StartsAt : null);
        }
        var view = (await ViewsAsync([(ev, start, null)], viewer, ct))[0];
        return view.MyResponse == RsvpResponse.Waitlisted && viewer.AccountId is { } me && view.OccurrenceStartsAt is { } at
            ? view with { WaitlistPosition = await WaitlistPositionAsync(ev.Id, at, me, ct) }
            : view;
    }

    /// <summary>
    /// Where <paramref name="accountId"/> stands on the waiting list of one occurrence (1 is served first), or null when
    /// they are not on it. The list is served in the order answers last changed (ADR 28); the place is theirs to know.
    /// </summary>
    public async Task<int?> WaitlistPositionAsync(long eventId, DateTime occurrence, long accountId, CancellationToken ct = default)
    {
        var mine = await db.EventRsvps.AsNoTracking()
            .Where(r => r.EventId == eventId && r.OccurrenceStartsAt == occurrence && r.AccountId == accountId && r.Response == RsvpResponse.Waitlisted)
            .Select(r => new { r.Id, r.UpdatedAt }).FirstOrDefaultAsync(ct);
        if (mine is null)
        {
            return null;
        }
        return 1 + await db.EventRsvps.CountAsync(r => r.EventId == eventId && r.OccurrenceStartsAt == occurrence && r.Response == RsvpResponse.Waitlisted
            && (r.UpdatedAt < mine.UpdatedAt || (r.UpdatedAt == mine.UpdatedAt && r.Id < mine.Id)), ct);
    }

    /// <summary>
    /// The events announced by <paramref name="statusIds"/> that <paramref name="viewer"/> may see (through
    /// <see cref="EventAccess"/>), each at its next occurrence, by announcement status id: one query for a page of
    /// statuses, so timelines can carry <c>pleroma.event</c> without a query per status.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, EventView>> ForStatusesAsync(IReadOnlyCollection<long> statusIds, Viewer viewer, CancellationToken ct = default)
    {
        if (statusIds.Count == 0)
        {
            return new Dictionary<long, EventView>();
        }
        var events = await db.Events.AsNoTracking().VisibleTo(db, viewer).Include(e => e.Questions)
            .Where(e => e.StatusId != null && statusIds.Contains(e.StatusId.Value)).ToListAsync(ct);
        if (events.Count == 0)
        {
            return new Dictionary<long, EventView>();
        }
        var now = time.UtcNow();
        var items = events.Select(ev => (ev, EventOccurrences.Next(ev, now) ?? (ev.Recurrence is null ? ev.StartsAt : (DateTime?)null), (double?)null)).ToList();
        return (await ViewsAsync(items, viewer, ct)).ToDictionary(v => v.Event.StatusId!.Value);
    }

    /// <summary>
    /// Upcoming occurrences the viewer may see, recurring series expanded within the window, soonest first, filtered by
    /// group, organizer, mode (in person or online) and distance (a bounding box in SQL, then the haversine here, as the group directory does).
    /// Cancelled events and cancelled occurrences are left out.
    /// </summary>
    public async Task<UpcomingPage> UpcomingAsync(Viewer viewer, EventFilter filter, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var from = filter.From?.UtcDateTime ?? now;
        var to = filter.To?.UtcDateTime ?? from.AddDays(DefaultWindowDays);
        if (to <= from)
        {
            throw KindredException.Invalid("to", "The end of the window must come after its start.");
        }
        if (to - from > TimeSpan.FromDays(MaxWindowDays))
        {
            throw KindredException.Invalid("to", $"Look at most {MaxWindowDays} days ahead at a time.");
        }
        var radius = NearbySearch.CheckedRadius(filter.Offset, filter.RadiusKm);
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        var origin = await NearbySearch.OriginAsync(db, viewer.AccountId, filter.NearMe, filter.Point, "events", ct);

        var maxDuration = EventRules.MaxDuration;
        var events = db.Events.AsNoTracking().VisibleTo(db, viewer)
            .Where(e => e.CancelledAt == null && e.StartsAt < to && (e.Recurrence != null || e.EndsAt > from));
        if (filter.GroupId is { } groupId)
        {
            events = events.Where(e => e.GroupId == groupId);
        }
        if (filter.GroupIds is { } groupIds)
        {
            var ids = groupIds.ToList();
            events = events.Where(e => e.GroupId != null && ids.Contains(e.GroupId.Value));
        }
        if (filter.OrganizerId is { } organizerId)
        {
            events = events.Where(e => e.OrganizerId == organizerId);
        }
        if (filter.Mode is { } mode)
        {
            events = events.Where(e => e.Mode == mode);
        }
        if (origin is { } o)
        {
            var box = GeoBox.Around(o.Lat, o.Lon, radius);
            events = events.Where(e => e.Latitude != null && e.Longitude != null
                && e.Latitude >= box.MinLat && e.Latitude <= box.MaxLat
                && (box.AllLongitudes || (e.Longitude >= box.West1 && e.Longitude <= box.East1) || (e.Longitude >= box.West2 && e.Longitude <= box.East2)));
        }
        var candidates = await events.Include(e => e.Questions).OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Take(MaxCandidates).ToListAsync(ct);

        var occurrences = new List<(Event Event, DateTime Start, double? Distance)>();
        foreach (var ev in candidates)
        {
            double? distance = null;
            if (origin is { } around)
            {
                distance = around.DistanceKm(new GeoPoint(ev.Latitude!.Value, ev.Longitude!.Value));
                if (distance > radius)
                {
                    continue;
                }
            }
            var duration = EventOccurrences.Duration(ev);
            // Only as many occurrences per series as a page could show.
            foreach (var start in EventRecurrence.Occurrences(ev, from - duration + TimeSpan.FromTicks(1), to, filter.Offset + limit + 1))
            {
                occurrences.Add((ev, start, distance));
            }
        }
        var page = occurrences.OrderBy(x => x.Start).ThenBy(x => x.Event.Id).Skip(filter.Offset).Take(limit + 1).ToList();
        var views = await ViewsAsync(page.Take(limit).Select(x => (x.Event, (DateTime?)x.Start, x.Distance)).ToList(), viewer, ct);
        return new UpcomingPage(views, page.Count > limit);
    }

    /// <summary>
    /// The occurrences <paramref name="accountId"/> answered going, maybe or is waiting for, that have not ended and that
    /// they may still see, soonest first.
    /// </summary>
    public async Task<UpcomingPage> MyEventsAsync(long accountId, int offset = 0, int limit = DefaultLimit, CancellationToken ct = default)
    {
        if (offset is < 0 or > MaxOffset)
        {
            throw KindredException.Invalid("offset", $"offset must be between 0 and {MaxOffset}.");
        }
        limit = Math.Clamp(limit, 1, MaxLimit);
        var viewer = Viewer.Member(accountId);
        var now = time.UtcNow();
        var since = now - EventRules.MaxDuration;
        var visible = db.Events.VisibleTo(db, viewer).Where(e => e.CancelledAt == null);
        var answers = await db.EventRsvps.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.OccurrenceStartsAt > since && r.Response != RsvpResponse.NotGoing && visible.Any(e => e.Id == r.EventId))
            .OrderBy(r => r.OccurrenceStartsAt).ThenBy(r => r.EventId)
            .Select(r => new { r.EventId, r.OccurrenceStartsAt })
            .Take(MaxCandidates)
            .ToListAsync(ct);
        var ids = answers.Select(a => a.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Include(e => e.Questions).Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var current = answers
            .Select(a => (Event: events[a.EventId], Start: a.OccurrenceStartsAt))
            // Over, or cancelled on its own (taken out of the series) since the answer.
            .Where(x => x.Start + EventOccurrences.Duration(x.Event) > now && EventOccurrences.IsOccurrence(x.Event, x.Start))
            .Skip(offset).Take(limit + 1).ToList();
        var views = await ViewsAsync(current.Take(limit).Select(x => (x.Event, (DateTime?)x.Start, (double?)null)).ToList(), viewer, ct);
        return new UpcomingPage(views, current.Count > limit);
    }

    /// <summary>
    /// The attendee list of one occurrence (the next by default) for the people managing the event: going, then maybe,
    /// then the waiting list in the order it is served, each with their answers and check-in.
    /// </summary>
    /// <exception cref="KindredException">NotFound when the viewer may not see the event; Forbidden when they may not manage it.</exception>
    public async Task<AttendeeList> AttendeesAsync(long eventId, Viewer viewer, DateTimeOffset? occurrence = null, CancellationToken ct = default)
    {
        var view = await GetAsync(eventId, viewer, occurrence, ct);
        if (!view.CanManage)
        {
            throw KindredException.Forbidden("Only the people organizing this event see who answered.");
        }
        if (view.OccurrenceStartsAt is not { } start)
        {
            return new AttendeeList(view, []);
        }
        var rows = await db.EventRsvps.AsNoTracking()
            .Where(r => r.EventId == eventId && r.OccurrenceStartsAt == start && r.Response != RsvpResponse.NotGoing)
            .Join(db.Accounts, r => r.AccountId, a => a.Id, (r, a) => new { r, a.Username, a.DisplayName })
            .ToListAsync(ct);
        var attendees = rows
            .OrderBy(x => x.r.Response switch { RsvpResponse.Going => 0, RsvpResponse.Maybe => 1, _ => 2 })
            .ThenBy(x => x.r.UpdatedAt).ThenBy(x => x.r.Id)
            .Select(x => new Attendee(
                x.r.AccountId, x.Username, x.DisplayName, x.r.Response,
                new[] { x.r.Answer1, x.r.Answer2, x.r.Answer3 }.Take(view.Questions.Count).ToList(),
                x.r.UpdatedAt, x.r.CheckedInAt))
            .ToList();
        return new AttendeeList(view, attendees);
    }

    /// <summary>
    /// The occurrences of one event that the viewer may see, starting in [from, to) (default: the next
    /// <see cref="DefaultWindowDays"/> days), with their counters and the viewer's answers.
    /// </summary>
    public async Task<IReadOnlyList<EventView>> OccurrencesAsync(long id, Viewer viewer, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        var ev = await db.Events.AsNoTracking().VisibleTo(db, viewer).Include(e => e.Questions).FirstOrDefaultAsync(e => e.Id == id, ct)
            ?? throw KindredException.NotFound();
        var start = from?.UtcDateTime ?? time.UtcNow();
        var end = to?.UtcDateTime ?? start.AddDays(DefaultWindowDays);
        if (end <= start)
        {
            throw KindredException.Invalid("to", "The end of the window must come after its start.");
        }
        if (end - start > TimeSpan.FromDays(MaxWindowDays))
        {
            throw KindredException.Invalid("to", $"Look at most {MaxWindowDays} days ahead at a time.");
        }
        var starts = EventRecurrence.Occurrences(ev, start, end, 400);
        return await ViewsAsync(starts.Select(s => (ev, (DateTime?)s, (double?)null)).ToList(), viewer, ct);
    }

    /// <summary>
    /// The attendee list as CSV for a spreadsheet (CsvHelper, RFC 4180). Every cell a spreadsheet would run as a formula
    /// (starting with =, +, -, @, tab or carriage return) is escaped, since names and answers are written by members.
    /// </summary>
    public async Task<string> AttendeesCsvAsync(long eventId, Viewer viewer, DateTimeOffset? occurrence = null, TimeZoneInfo? zone = null, CancellationToken ct = default)
    {
        var list = await AttendeesAsync(eventId, viewer, occurrence, ct);
        var options = new CsvHelper.CsvWriterOptions { Injection = CsvHelper.CsvInjection.Escape };
        // Times in the reader's zone, named in the header, as every page shows them (ADR 84).
        var local = zone ?? TimeZoneInfo.Utc;
        await using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        await using (var csv = CsvHelper.CsvWriter.Create(writer, options, true))
        {
            foreach (var header in new[] { "username", "display_name", "response", TimeFormat.Column("answered_at", local), TimeFormat.Column("checked_in_at", local) }.Concat(list.Event.Questions))
            {
                csv.WriteField(header);
            }
            await csv.EndRecordAsync(ct);
            foreach (var a in list.Attendees)
            {
                csv.WriteField(a.Username);
                csv.WriteField(a.DisplayName);
                csv.WriteField(a.Response switch { RsvpResponse.Going => "going", RsvpResponse.Maybe => "maybe", _ => "waitlisted" });
                csv.WriteField(TimeFormat.Cell(a.AnsweredAt, local));
                csv.WriteField(a.CheckedInAt is { } checkedIn ? TimeFormat.Cell(checkedIn, local) : "");
                foreach (var answer in a.Answers)
                {
                    csv.WriteField(answer);
                }
                await csv.EndRecordAsync(ct);
            }
        }
        return writer.ToString();
    }

    /// <summary>
    /// The groups <paramref name="accountId"/> may organize events for (<see cref="GroupAccess.MayOrganizeEvents"/>, the rule
    /// <see cref="EventService.CreateAsync"/> applies), by name: asked first so nobody fills a form they cannot send.
    /// </summary>
    public async Task<IReadOnlyList<GroupOption>> OrganizableGroupsAsync(long accountId, CancellationToken ct = default)
    {
        var rows = await db.GroupMemberships.Where(m => m.AccountId == accountId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name, g.Slug, m.Role })
            .ToListAsync(ct);
        return rows.Where(r => GroupAccess.MayOrganizeEvents(r.Role, options.Value.MembersMayCreate))
            .OrderBy(r => r.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(r => new GroupOption(r.Id, r.Name, r.Slug)).ToList();
    }

    /// <summary>The group a filter names by its address, or null when the viewer may not see it (<see cref="GroupAccess"/>).</summary>
    public Task<long?> VisibleGroupIdAsync(string slug, Viewer viewer, CancellationToken ct = default) =>
        db.Groups.Where(g => g.Slug == slug).VisibleTo(db, viewer).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);

    /// <summary>The names of the events' groups, by id; the events are visible, so their groups are too.</summary>
    public async Task<IReadOnlyDictionary<long, string>> GroupNamesAsync(IEnumerable<EventView> views, CancellationToken ct = default)
    {
        var ids = views.Select(v => v.Event.GroupId).OfType<long>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<long, string>();
        }
        return await db.Groups.Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
    }

    /// <summary>The groups a member belongs to, by name, for the group filter.</summary>
    public async Task<IReadOnlyList<GroupOption>> MemberGroupsAsync(long accountId, CancellationToken ct = default)
    {
        var rows = await db.GroupMemberships.Where(m => m.AccountId == accountId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new GroupOption(g.Id, g.Name, g.Slug)).ToListAsync(ct);
        return rows.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>An event's group as the edit form names it, for a manager who is not in the group (a server admin).</summary>
    public Task<GroupOption> GroupOptionAsync(long groupId, CancellationToken ct = default) =>
        db.Groups.Where(g => g.Id == groupId).Select(g => new GroupOption(g.Id, g.Name, g.Slug)).FirstAsync(ct);

    /// <summary>Who organizes an event the viewer sees and the group it belongs to (visible with the event).</summary>
    public async Task<(Account? Organizer, Group? Group)> HostsAsync(Event ev, CancellationToken ct = default)
    {
        var organizer = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == ev.OrganizerId, ct);
        var group = ev.GroupId is { } groupId ? await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct) : null;
        return (organizer, group);
    }

    /// <summary>The member's own answer for one occurrence, with their answers to the questions.</summary>
    public Task<EventRsvp?> RsvpAsync(long eventId, DateTime occurrence, long accountId, CancellationToken ct = default) =>
        db.EventRsvps.AsNoTracking().FirstOrDefaultAsync(r => r.EventId == eventId && r.OccurrenceStartsAt == occurrence && r.AccountId == accountId, ct);

    /// <summary>The member's coarse home point, for "near me".</summary>
    public Task<GeoPoint?> HomeAsync(long? viewerId, CancellationToken ct = default) => NearbySearch.HomeAsync(db, viewerId, ct);

    /// <summary>
    /// Views for several (event, occurrence) pairs in a few queries: place counters, the viewer's answers, who manages
    /// which event and who is going to which; private details blanked where the viewer may not see them.
    /// </summary>
    private async Task<List<EventView>> ViewsAsync(IReadOnlyList<(Event Event, DateTime? Start, double? Distance)> items, Viewer viewer, CancellationToken ct)
    {
        if (items.Count == 0)
        {
            return [];
        }
        var ids = items.Select(i => i.Event.Id).Distinct().ToList();
        var starts = items.Where(i => i.Start is not null).Select(i => i.Start!.Value).Distinct().ToList();
        var counters = await db.EventOccurrences.AsNoTracking().Where(o => ids.Contains(o.EventId) && starts.Contains(o.StartsAt))
            .ToDictionaryAsync(o => (o.EventId, o.StartsAt), ct);
        var mine = new Dictionary<(long, DateTime), RsvpResponse>();
        var going = new HashSet<long>();
        var managed = new HashSet<long>();
        if (viewer.AccountId is { } me)
        {
            var answers = await db.EventRsvps.AsNoTracking().Where(r => r.AccountId == me && ids.Contains(r.EventId))
                .Select(r => new { r.EventId, r.OccurrenceStartsAt, r.Response }).ToListAsync(ct);
            foreach (var a in answers)
            {
                mine[(a.EventId, a.OccurrenceStartsAt)] = a.Response;
                if (a.Response == RsvpResponse.Going)
                {
                    going.Add(a.EventId);
                }
            }
            var isAdmin = await db.Users.InRoles(Roles.CanAdminister).AnyAsync(u => u.Id == me, ct);
            var groupIds = items.Select(i => i.Event.GroupId).OfType<long>().Distinct().ToList();
            var moderated = groupIds.Count == 0 ? [] : await db.GroupMemberships
                .Where(m => m.AccountId == me && groupIds.Contains(m.GroupId)).InRoles(GroupAccess.CanModerate)
                .Select(m => m.GroupId).ToListAsync(ct);
            // The same rule as EventManagers.CanManageAsync, for the whole list at once.
            var organization = await EventManagers.SpeaksForOrganizationAsync(db, me, ct)
                ? await db.Organizations.Select(o => o.AccountId).FirstOrDefaultAsync(ct)
                : null;
            foreach (var (ev, _, _) in items)
            {
                if (isAdmin || ev.OrganizerId == me || ev.OrganizerId == organization || (ev.GroupId is { } g && moderated.Contains(g)))
                {
                    managed.Add(ev.Id);
                }
            }
        }
        var views = new List<EventView>(items.Count);
        foreach (var (source, start, distance) in items)
        {
            var canManage = managed.Contains(source.Id);
            var seesPrivate = canManage || going.Contains(source.Id);
            // A copy per view, so one viewer's blanking never touches another view of the same event.
            var ev = Copy(source, seesPrivate);
            var counter = start is { } s && counters.TryGetValue((ev.Id, s), out var c) ? c : null;
            RsvpResponse? response = start is { } s2 && mine.TryGetValue((ev.Id, s2), out var r) ? r : null;
            views.Add(new EventView(
                ev,
                source.Questions.OrderBy(q => q.Position).Select(q => q.Text).ToList(),
                start,
                start + EventOccurrences.Duration(ev),
                counter?.GoingCount ?? 0,
                counter?.WaitlistCount ?? 0,
                response,
                canManage,
                seesPrivate,
                distance));
        }
        return views;
    }

    private static Event Copy(Event e, bool seesPrivate) => new()
    {
        Id = e.Id,
        OrganizerId = e.OrganizerId,
        GroupId = e.GroupId,
        Title = e.Title,
        Description = e.Description,
        DescriptionHtml = e.DescriptionHtml,
        StartsAt = e.StartsAt,
        EndsAt = e.EndsAt,
        TimeZone = e.TimeZone,
        Recurrence = e.Recurrence,
        RecurrenceExceptions = e.RecurrenceExceptions,
        Mode = e.Mode,
        PlaceName = e.PlaceName,
        Address = seesPrivate ? e.Address : null,
        AreaName = e.AreaName,
        Latitude = e.Latitude,
        Longitude = e.Longitude,
        OnlineUrl = seesPrivate ? e.OnlineUrl : null,
        Capacity = e.Capacity,
        Visibility = e.Visibility,
        StatusId = e.StatusId,
        CreatedAt = e.CreatedAt,
        UpdatedAt = e.UpdatedAt,
        CancelledAt = e.CancelledAt,
        Questions = [.. e.Questions.OrderBy(q => q.Position)],
    };
}
