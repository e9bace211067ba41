using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Staff;

/// <summary>
/// The people list and its CSV for staff (ADR 59): active local members, newest first, filtered in SQL and paged by id.
/// Each view is recorded through <see cref="IPeopleAudit"/> once the viewer passed the check.
/// </summary>
public sealed class PeopleQueries(KindredDbContext db, IPeopleAudit audit, TimeProvider time)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxLapsedDays = 3_660;
    public const int MaxExportRows = 50_000;
    private const int ExportBatch = 500;

    /// <summary>Refuses anyone who may not see the people pages (before a page reads its filters).</summary>
    public Task RequireAsync(long? viewerId, CancellationToken ct = default) => StaffAccess.RequirePeopleAsync(db, viewerId, ct);

    public async Task<PeoplePage> ListAsync(long? viewerId, PeopleFilter filter, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var rows = await FilteredAsync(viewer, filter, ct);
        var limit = Math.Clamp(filter.Limit, 1, MaxLimit);
        if (filter.MaxId is { } max)
        {
            rows = rows.Where(u => u.Id < max);
        }
        var people = await RowsAsync(rows.OrderByDescending(u => u.Id).Take(limit + 1), ct);
        await audit.PeopleListViewedAsync(viewer.Id, filter, ct);
        return people.Count > limit ? new PeoplePage(people.Take(limit).ToList(), people[limit - 1].Id) : new PeoplePage(people, null);
    }

    /// <summary>
    /// Every member the filter finds (up to <see cref="MaxExportRows"/>), as CSV. A cell that a spreadsheet would run as a
    /// formula (starting with =, +, -, @, tab or carriage return) is escaped: names and tags are typed by people.
    /// </summary>
    public async Task<string> CsvAsync(long? viewerId, PeopleFilter filter, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var rows = await FilteredAsync(viewer, filter with { MaxId = null }, ct);
        var options = new CsvHelper.CsvWriterOptions { Injection = CsvHelper.CsvInjection.Escape };
        var count = 0;
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvHelper.CsvWriter.Create(writer, options, true))
        {
            foreach (var header in new[] { "username", "display_name", "joined_at", "last_active_at", "area", "tags" })
            {
                csv.WriteField(header);
            }
            await csv.EndRecordAsync(ct);
            long? before = null;
            while (count < MaxExportRows)
            {
                var batch = rows;
                if (before is { } b)
                {
                    batch = batch.Where(u => u.Id < b);
                }
                var people = await RowsAsync(batch.OrderByDescending(u => u.Id).Take(Math.Min(ExportBatch, MaxExportRows - count)), ct);
                foreach (var p in people)
                {
                    csv.WriteField(p.Username);
                    csv.WriteField(p.DisplayName);
                    csv.WriteField(Iso(p.JoinedAt));
                    csv.WriteField(p.LastActiveAt is { } last ? Iso(last) : "");
                    csv.WriteField(p.Area ?? "");
                    csv.WriteField(string.Join("; ", p.Tags));
                    await csv.EndRecordAsync(ct);
                }
                count += people.Count;
                if (people.Count < ExportBatch)
                {
                    break;
                }
                before = people[^1].Id;
            }
        }
        await audit.PeopleExportedAsync(viewer.Id, filter, count, ct);
        return writer.ToString();
    }

    private static string Iso(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<IQueryable<User>> FilteredAsync(StaffViewer viewer, PeopleFilter filter, CancellationToken ct)
    {
        var now = time.UtcNow();
        var users = db.Users.AsNoTracking().Active();
        if (Clean(filter.Tag, "tag") is { } tag)
        {
            var normalized = StaffNoteService.NormalizeTag(tag);
            users = users.Where(u => db.StaffTags.Any(t => t.AccountId == u.Id && t.NameNormalized == normalized && t.RemovedAt == null));
        }
        if (Clean(filter.Group, "group") is { } slug)
        {
            // Only a group the viewer may see: a secret group's members stay as secret in a filter as on its page.
            var lowered = slug.ToLowerInvariant();
            var groupId = await db.Groups.VisibleTo(db, Viewer.Member(viewer.Id)).Where(g => g.Slug == lowered).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct)
                ?? throw KindredException.Invalid("group", "No such group.");
            users = users.Where(u => db.GroupMemberships.Any(m => m.GroupId == groupId && m.AccountId == u.Id));
        }
        if (Clean(filter.Area, "area") is { } area)
        {
            var lowered = area.ToLowerInvariant();
            users = users.Where(u => u.Account.AreaVisibility != ProfileVisibility.OnlyMe && u.Account.AreaName != null && u.Account.AreaName.ToLower() == lowered);
        }
        CheckRange(filter.JoinedFrom, filter.JoinedTo, "joined");
        if (filter.JoinedFrom is { } joinedFrom)
        {
            users = users.Where(u => u.CreatedAt >= joinedFrom);
        }
        if (filter.JoinedTo is { } joinedTo)
        {
            users = users.Where(u => u.CreatedAt < joinedTo);
        }
        CheckRange(filter.ActiveFrom, filter.ActiveTo, "active");
        if (filter.ActiveFrom is { } activeFrom)
        {
            users = users.Where(u => (u.LastSignInAt != null && u.LastSignInAt >= activeFrom) || (u.Account.LastStatusAt != null && u.Account.LastStatusAt >= activeFrom)
                || db.UserSessions.Any(s => s.UserId == u.Id && s.LastSeenAt >= activeFrom));
        }
        // Each nullable moment is tested for null first: under NOT, SQL's NULL would otherwise drop the row (three-valued
        // logic), where "never signed in" should simply count as "not since".
        if (filter.ActiveTo is { } activeTo)
        {
            users = users.Where(u => !((u.LastSignInAt != null && u.LastSignInAt >= activeTo) || (u.Account.LastStatusAt != null && u.Account.LastStatusAt >= activeTo)
                    || db.UserSessions.Any(s => s.UserId == u.Id && s.LastSeenAt >= activeTo))
                && (u.LastSignInAt != null || u.Account.LastStatusAt != null || db.UserSessions.Any(s => s.UserId == u.Id)));
        }
        if (filter.LapsedDays is { } days)
        {
            if (days is < 1 or > MaxLapsedDays)
            {
                throw KindredException.Invalid("lapsed", $"Lapsed is a number of days from 1 to {MaxLapsedDays}.");
            }
            // Active before: some sign-in, post or page seen; lapsed: none of them since the cut-off.
            var cutoff = now - TimeSpan.FromDays(days);
            users = users.Where(u => !((u.LastSignInAt != null && u.LastSignInAt >= cutoff) || (u.Account.LastStatusAt != null && u.Account.LastStatusAt >= cutoff)
                    || db.UserSessions.Any(s => s.UserId == u.Id && s.LastSeenAt >= cutoff))
                && (u.LastSignInAt != null || u.Account.LastStatusAt != null || db.UserSessions.Any(s => s.UserId == u.Id)));
        }
        if (filter.NeverEngaged)
        {
            users = users.Where(u => !db.Statuses.Any(s => s.AccountId == u.Id)
                && !db.Favourites.Any(f => f.AccountId == u.Id)
                && !db.EventRsvps.Any(r => r.AccountId == u.Id)
                && !db.AidItems.Any(i => i.AccountId == u.Id)
                && !db.AidResponses.Any(r => r.ResponderId == u.Id)
                && !db.GroupMemberships.Any(m => m.AccountId == u.Id && m.InvitationId == null));
        }
        return users;
    }

    private async Task<List<PersonRow>> RowsAsync(IQueryable<User> users, CancellationToken ct)
    {
        var rows = await users.Select(u => new
        {
            u.Id,
            u.Account.Username,
            u.Account.DisplayName,
            u.CreatedAt,
            u.LastSignInAt,
            u.Account.LastStatusAt,
            LastSeenAt = db.UserSessions.Where(s => s.UserId == u.Id).Max(s => (DateTime?)s.LastSeenAt),
            Area = u.Account.AreaVisibility == ProfileVisibility.OnlyMe ? null : u.Account.AreaName,
        }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var tags = (await db.StaffTags.AsNoTracking().Where(t => ids.Contains(t.AccountId) && t.RemovedAt == null)
                .OrderBy(t => t.NameNormalized).Select(t => new { t.AccountId, t.Name }).ToListAsync(ct))
            .ToLookup(t => t.AccountId, t => t.Name);
        // Ordered again in memory: Select over a subquery keeps the database's order only by chance on some providers.
        return rows.OrderByDescending(r => r.Id)
            .Select(r => new PersonRow(r.Id, r.Username, r.DisplayName, r.CreatedAt, Latest(r.LastSignInAt, r.LastStatusAt, r.LastSeenAt), r.Area, tags[r.Id].ToList()))
            .ToList();
    }

    /// <summary>The latest of the moments that say a member was active; null when none is known.</summary>
    public static DateTime? Latest(params DateTime?[] moments) => moments.Max();

    private static string? Clean(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }
        return trimmed.Length > 100 ? throw KindredException.Invalid(field, "That is too long to search for.") : trimmed;
    }

    private static void CheckRange(DateTime? from, DateTime? to, string field)
    {
        if (from is { } f && to is { } t && f >= t)
        {
            throw KindredException.Invalid(field, "The start must come before the end.");
        }
    }
}
