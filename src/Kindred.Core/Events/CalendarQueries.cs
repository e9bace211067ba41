using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Events;

/// <summary>
/// What each calendar holds (ADR 34), always through <see cref="EventAccess"/>: one event for whoever may see it, the
/// public events for everyone, and a member's own events for the holder of their calendar address.
/// </summary>
public sealed class CalendarQueries(KindredDbContext db, TimeProvider time)
{
    /// <summary>At most this many events in a feed; calendar apps poll feeds often.</summary>
    public const int FeedSize = 300;

    /// <summary>How far back feeds keep past events, so last week's gathering does not vanish from a calendar.</summary>
    public static readonly TimeSpan History = TimeSpan.FromDays(31);

    /// <summary>One event (the whole series) as <paramref name="viewer"/> may see it; null when they may not see it.</summary>
    public async Task<CalendarEntry?> EventAsync(long eventId, Viewer viewer, CancellationToken ct = default)
    {
        var ev = await db.Events.AsNoTracking().Where(e => e.Id == eventId).VisibleTo(db, viewer).FirstOrDefaultAsync(ct);
        return ev is null ? null : new CalendarEntry(ev, await EventManagers.SeesPrivateDetailsAsync(db, ev, viewer, ct));
    }

    /// <summary>The public events anyone may see: series, and one-off events that have not long ended; never private details.</summary>
    public async Task<IReadOnlyList<CalendarEntry>> PublicAsync(CancellationToken ct = default)
    {
        var since = time.UtcNow() - History;
        var events = await db.Events.AsNoTracking().VisibleTo(db, Viewer.Anonymous)
            .Where(e => e.Recurrence != null || e.EndsAt >= since)
            .OrderByDescending(e => e.StartsAt).ThenByDescending(e => e.Id).Take(FeedSize).ToListAsync(ct);
        return events.OrderBy(e => e.StartsAt).ThenBy(e => e.Id).Select(e => new CalendarEntry(e, false)).ToList();
    }

    /// <summary>
    /// The occurrences <paramref name="accountId"/> said they are going to (from a month ago on), with private details
    /// since they are going. A one-off event keeps the event's own UID; each occurrence of a series is its own entry,
    /// since RSVPs are per occurrence (ADR 28). Occurrences taken out of their series, and events the member may no
    /// longer see, are left out.
    /// </summary>
    public async Task<IReadOnlyList<CalendarEntry>> GoingAsync(long accountId, CancellationToken ct = default)
    {
        var since = time.UtcNow() - History;
        var viewer = Viewer.Member(accountId);
        var going = await db.EventRsvps.AsNoTracking()
            .Where(r => r.AccountId == accountId && r.Response == RsvpResponse.Going && r.OccurrenceStartsAt >= since)
            .Where(r => db.Events.VisibleTo(db, viewer).Any(e => e.Id == r.EventId))
            .OrderBy(r => r.OccurrenceStartsAt).Take(FeedSize)
            .Select(r => new { r.EventId, r.OccurrenceStartsAt }).ToListAsync(ct);
        var ids = going.Select(r => r.EventId).Distinct().ToList();
        var events = await db.Events.AsNoTracking().Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var entries = new List<CalendarEntry>();
        foreach (var rsvp in going)
        {
            var ev = events[rsvp.EventId];
            var start = DateTime.SpecifyKind(rsvp.OccurrenceStartsAt, DateTimeKind.Utc);
            if (ev.Recurrence is null)
            {
                if (start == ev.StartsAt)
                {
                    entries.Add(new CalendarEntry(ev, true));
                }
            }
            else if (EventOccurrences.IsOccurrence(ev, start))
            {
                entries.Add(new CalendarEntry(ev, true, start));
            }
        }
        return entries;
    }

    /// <summary>The name a personal calendar is shown under in calendar apps.</summary>
    public async Task<string> OrganizationNameAsync(CancellationToken ct = default) =>
        await db.Organizations.AsNoTracking().Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "Kindred";
}
