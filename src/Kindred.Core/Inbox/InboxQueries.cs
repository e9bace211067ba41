using Kindred.Core.Common;
using Kindred.Core.Organizations;
using Kindred.Core.Staff;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Inbox;

/// <summary>Reading the staff "needs reply" inbox (ADR 66): staff, admins and the owner only.</summary>
public sealed class InboxQueries(KindredDbContext db, OrganizationSettings settings, TimeProvider time)
{
    public const int PageSize = 50;
    public const int WeeksShown = 8;
    public const int ExcerptLength = 200;

    public async Task<IReadOnlyList<InboxRow>> ListAsync(long? viewerId, InboxFilter filter, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var now = time.UtcNow();
        var query = db.InboxConversations.AsNoTracking();
        query = filter.Show switch
        {
            InboxShow.Mine => query.Waiting(now).Where(c => c.AssignedToId == viewer.Id),
            InboxShow.Unassigned => query.Waiting(now).Where(c => c.AssignedToId == null),
            InboxShow.Closed => query.NotWaiting(now),
            _ => query.Waiting(now),
        };
        query = filter.WaitingLongest ? query.OrderBy(c => c.WaitingSince).ThenBy(c => c.Id) : query.OrderByDescending(c => c.LastMessageAt).ThenByDescending(c => c.Id);
        var ids = await query.Select(c => c.Id).Take(PageSize).ToListAsync(ct);
        var rows = await RowsAsync(ids, now, ct);
        return ids.Select(id => rows[id]).ToList();
    }

    public async Task<InboxThread> ThreadAsync(long? viewerId, long conversationId, CancellationToken ct = default)
    {
        await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var now = time.UtcNow();
        var rows = await RowsAsync([conversationId], now, ct);
        if (!rows.TryGetValue(conversationId, out var row))
        {
            throw KindredException.NotFound("No such conversation.");
        }
        var last = await db.InboxConversations.Where(c => c.Id == conversationId).Select(c => c.LastStatusId).FirstAsync(ct);
        var messages = await (from m in db.InboxMessages
                              join s in db.Statuses on m.StatusId equals s.Id
                              join a in db.Accounts on s.AccountId equals a.Id
                              where m.ConversationId == conversationId && s.DeletedAt == null
                              orderby m.StatusId
                              select new InboxMessageView(s.Id, a.Username, a.DisplayName, m.FromOrganization, s.Text, s.SpoilerText, s.CreatedAt))
            .ToListAsync(ct);
        return new InboxThread(row, last, messages);
    }

    /// <summary>
    /// Open count, oldest waiting, and per week of opening (the organization's weeks, Monday first) the median and the
    /// 90th percentile of the time to the first answer. The median of an even count is the mean of the middle two; the
    /// 90th percentile is the nearest rank (the smallest time at least 90% of answers were as fast as).
    /// </summary>
    public async Task<InboxFigures> FiguresAsync(long? viewerId, CancellationToken ct = default)
    {
        await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var now = time.UtcNow();
        var zone = (await settings.GetAsync(ct)).TimeZone;
        var waiting = db.InboxConversations.AsNoTracking().Waiting(now);
        var open = await waiting.CountAsync(ct);
        var oldest = open == 0 ? (DateTime?)null : await waiting.MinAsync(c => c.WaitingSince, ct);
        var thisMonday = Monday(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)));
        var firstMonday = thisMonday.AddDays(-7 * (WeeksShown - 1));
        var from = TimeZoneInfo.ConvertTimeToUtc(firstMonday.ToDateTime(TimeOnly.MinValue), zone);
        var opened = await db.InboxConversations.AsNoTracking().Where(c => c.OpenedAt >= from)
            .Select(c => new { c.OpenedAt, c.FirstAnsweredAt }).ToListAsync(ct);
        var weeks = new List<InboxWeek>();
        for (var monday = firstMonday; monday <= thisMonday; monday = monday.AddDays(7))
        {
            var week = monday;
            var inWeek = opened.Where(c => Monday(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(c.OpenedAt, zone))) == week).ToList();
            var times = inWeek.Where(c => c.FirstAnsweredAt is not null).Select(c => c.FirstAnsweredAt!.Value - c.OpenedAt).Order().ToList();
            weeks.Add(new InboxWeek(week, inWeek.Count, times.Count, Median(times), Percentile(times, 0.9)));
        }
        return new InboxFigures(open, oldest, weeks);
    }

    public static TimeSpan? Median(IReadOnlyList<TimeSpan> sorted) =>
        sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : TimeSpan.FromTicks((sorted[(sorted.Count / 2) - 1].Ticks + sorted[sorted.Count / 2].Ticks) / 2);

    public static TimeSpan? Percentile(IReadOnlyList<TimeSpan> sorted, double share) =>
        sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private async Task<Dictionary<long, InboxRow>> RowsAsync(IReadOnlyCollection<long> ids, DateTime now, CancellationToken ct)
    {
        var rows = await (from c in db.InboxConversations.AsNoTracking()
                          join a in db.Accounts on c.AccountId equals a.Id
                          join s in db.Statuses on c.LastStatusId equals s.Id
                          where ids.Contains(c.Id)
                          select new
                          {
                              c.Id,
                              a.Username,
                              a.DisplayName,
                              c.Kind,
                              c.State,
                              c.WaitingSince,
                              c.LastMessageAt,
                              c.SnoozedUntil,
                              AssignedTo = db.Accounts.Where(x => x.Id == c.AssignedToId).Select(x => x.Username).FirstOrDefault(),
                              ReplyingId = c.ReplyingUntil > now ? c.ReplyingId : null,
                              Replying = c.ReplyingUntil > now ? db.Accounts.Where(x => x.Id == c.ReplyingId).Select(x => x.Username).FirstOrDefault() : null,
                              Text = s.DeletedAt == null ? s.Text : "",
                          }).ToListAsync(ct);
        // An event question names its event: the one whose announcement post the first message answers (ADR 76).
        var questions = rows.Where(r => r.Kind == OrganizationInbox.EventQuestion).Select(r => r.Id).ToList();
        var events = new Dictionary<long, InboxEvent>();
        if (questions.Count > 0)
        {
            var found = await (from c in db.InboxConversations.AsNoTracking()
                               join s in db.Statuses on c.FirstStatusId equals s.Id
                               join e in db.Events on s.InReplyToId equals e.StatusId
                               where questions.Contains(c.Id)
                               select new { c.Id, EventId = e.Id, e.Title }).ToListAsync(ct);
            events = found.ToDictionary(e => e.Id, e => new InboxEvent(e.EventId, e.Title));
        }
        return rows.ToDictionary(r => r.Id, r => new InboxRow(r.Id, r.Username, r.DisplayName, r.Kind,
            r.State == InboxState.Snoozed && r.SnoozedUntil <= now ? InboxState.Open : r.State, r.WaitingSince, r.LastMessageAt,
            r.SnoozedUntil, r.AssignedTo, r.ReplyingId, r.Replying, r.Text.Length > ExcerptLength ? r.Text[..ExcerptLength] + "…" : r.Text,
            events.GetValueOrDefault(r.Id)));
    }
}
