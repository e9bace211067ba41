using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Announcements;

/// <summary>
/// Reads announcements. Members see the published ones between their start and end (ADR 61), never drafts; staff see
/// everything on their page. Reactions are counted per emoji for the listed announcements in one query, in a fixed (ordinal) order.
/// </summary>
public sealed class AnnouncementQueries(KindredDbContext db, TimeProvider time)
{
    /// <summary>At most this many showing at once are listed (a community has one or two).</summary>
    public const int Limit = 40;

    /// <summary>Published, started and not ended at <paramref name="now"/>: what members see.</summary>
    public static IQueryable<Announcement> Showing(IQueryable<Announcement> announcements, DateTime now) =>
        announcements.Where(a => a.PublishedAt != null && (a.StartsAt == null || a.StartsAt <= now) && (a.EndsAt == null || a.EndsAt > now));

    /// <summary>What a member sees now, oldest first as Mastodon lists them; dismissed ones only with
    /// <paramref name="withDismissed"/>.</summary>
    public async Task<IReadOnlyList<AnnouncementView>> ForMemberAsync(long accountId, bool withDismissed, CancellationToken ct = default)
    {
        var query = Showing(db.Announcements.AsNoTracking(), time.UtcNow());
        if (!withDismissed)
        {
            query = query.Where(a => !db.AnnouncementDismissals.Any(d => d.AnnouncementId == a.Id && d.AccountId == accountId));
        }
        var list = await query.OrderBy(a => a.StartsAt ?? a.PublishedAt).ThenBy(a => a.Id).Take(Limit).ToListAsync(ct);
        return await ViewsAsync(list, accountId, ct);
    }

    /// <summary>One announcement a member may see now, or NotFound.</summary>
    public async Task<Announcement> ShowingAsync(long id, CancellationToken ct = default) =>
        await Showing(db.Announcements.AsNoTracking(), time.UtcNow()).FirstOrDefaultAsync(a => a.Id == id, ct)
            ?? throw KindredException.NotFound();

    /// <summary>One announcement as <paramref name="accountId"/> sees it now (read, reactions), or null when it does not
    /// show (the streaming API's <c>announcement</c> event, ADR 76).</summary>
    public async Task<AnnouncementView?> ShowingViewAsync(long accountId, long id, CancellationToken ct = default)
    {
        var announcement = await Showing(db.Announcements.AsNoTracking(), time.UtcNow()).FirstOrDefaultAsync(a => a.Id == id, ct);
        return announcement is null ? null : (await ViewsAsync([announcement], accountId, ct))[0];
    }

    /// <summary>How many members reacted with <paramref name="name"/> to a showing announcement; null when it does not show.</summary>
    public async Task<int?> ReactionCountAsync(long id, string name, CancellationToken ct = default) =>
        await Showing(db.Announcements.AsNoTracking(), time.UtcNow()).AnyAsync(a => a.Id == id, ct)
            ? await db.AnnouncementReactions.CountAsync(r => r.AnnouncementId == id && r.Name == name, ct)
            : null;

    /// <summary>Every announcement, newest first, for the staff page; Forbidden for anyone else.</summary>
    public async Task<IReadOnlyList<Announcement>> AllForStaffAsync(long staffId, CancellationToken ct = default)
    {
        await RequireStaffAsync(db, staffId, ct);
        return await db.Announcements.AsNoTracking().OrderByDescending(a => a.Id).Take(500).ToListAsync(ct);
    }

    /// <summary>One announcement for the staff page (drafts too): NotFound or Forbidden.</summary>
    public async Task<Announcement> ForStaffAsync(long staffId, long id, CancellationToken ct = default)
    {
        await RequireStaffAsync(db, staffId, ct);
        return await db.Announcements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) ?? throw KindredException.NotFound();
    }

    /// <summary>How many members an audience would reach by e-mail now (consent applied), for the staff page.</summary>
    public async Task<int> CountRecipientsAsync(long staffId, AnnouncementAudience audience, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(audience);
        await RequireStaffAsync(db, staffId, ct);
        var resolved = await audience.ResolveAsync(db, staffId, time.UtcNow(), ct);
        return await resolved.Recipients(db).CountAsync(ct);
    }

    /// <summary>The groups staff may choose as an audience, by name.</summary>
    public async Task<IReadOnlyList<(long Id, string Name)>> GroupChoicesAsync(long staffId, CancellationToken ct = default)
    {
        await RequireStaffAsync(db, staffId, ct);
        var rows = await db.Groups.AsNoTracking().OrderBy(g => g.Name).Select(g => new { g.Id, g.Name }).Take(1000).ToListAsync(ct);
        return rows.Select(g => (g.Id, g.Name)).ToList();
    }

    /// <summary>The member's own time zone setting (an IANA id), else the organization's (the default for every member,
    /// ADR 55), null when neither is set: staff type times in it and members read them in it.</summary>
    public async Task<string?> TimeZoneOfAsync(long userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.TimeZone).FirstOrDefaultAsync(ct)
        ?? await db.Organizations.AsNoTracking().Select(o => o.TimeZone).FirstOrDefaultAsync(ct);

    /// <summary>Whether the member gets announcements by e-mail.</summary>
    public async Task<bool> EmailsOnAsync(long userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => !u.AnnouncementEmailsOff).FirstOrDefaultAsync(ct);

    /// <summary>Forbidden unless the member is active staff (staff, admin, owner), read from the database rather
    /// than a cookie or token that may predate a role change.</summary>
    internal static async Task RequireStaffAsync(KindredDbContext db, long userId, CancellationToken ct)
    {
        var role = await db.Users.Active().Where(u => u.Id == userId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is not { } r || !Roles.MayAnnounce(r))
        {
            throw KindredException.Forbidden("Only staff may manage announcements.");
        }
    }

    private async Task<IReadOnlyList<AnnouncementView>> ViewsAsync(List<Announcement> list, long accountId, CancellationToken ct)
    {
        if (list.Count == 0)
        {
            return [];
        }
        var ids = list.Select(a => a.Id).ToList();
        var counts = await db.AnnouncementReactions.AsNoTracking().Where(r => ids.Contains(r.AnnouncementId))
            .GroupBy(r => new { r.AnnouncementId, r.Name })
            .Select(g => new { g.Key.AnnouncementId, g.Key.Name, Count = g.Count() })
            .ToListAsync(ct);
        var mine = await db.AnnouncementReactions.AsNoTracking().Where(r => r.AccountId == accountId && ids.Contains(r.AnnouncementId))
            .Select(r => new { r.AnnouncementId, r.Name }).ToListAsync(ct);
        var read = await db.AnnouncementDismissals.AsNoTracking().Where(d => d.AccountId == accountId && ids.Contains(d.AnnouncementId))
            .Select(d => d.AnnouncementId).ToListAsync(ct);
        var mineSet = mine.Select(m => (m.AnnouncementId, m.Name)).ToHashSet();
        var readSet = read.ToHashSet();
        return list.Select(a => new AnnouncementView(a, readSet.Contains(a.Id),
            counts.Where(c => c.AnnouncementId == a.Id).OrderBy(c => c.Name, StringComparer.Ordinal)
                .Select(c => new AnnouncementReactionCount(c.Name, c.Count, mineSet.Contains((a.Id, c.Name)))).ToList())).ToList();
    }
}
