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
    public const int DefaultLimit = PeopleFilter.DefaultLimit;
    public const int MaxLimit = 200;
    public const int MaxLapsedDays = PeopleSegment.MaxLapsedDays;
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
    public async Task<string> CsvAsync(long? viewerId, PeopleFilter filter, TimeZoneInfo? zone = null, CancellationToken ct = default)
    {
        var viewer = await StaffAccess.RequirePeopleAsync(db, viewerId, ct);
        var rows = await FilteredAsync(viewer, filter with { MaxId = null }, ct);
        var options = new CsvHelper.CsvWriterOptions { Injection = CsvHelper.CsvInjection.Escape };
        // Times in the reader's zone, named in the header, as every page shows them (ADR 84).
        var local = zone ?? TimeZoneInfo.Utc;
        var count = 0;
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvHelper.CsvWriter.Create(writer, options, true))
        {
            foreach (var header in new[] { "username", "display_name", TimeFormat.Column("joined_at", local), TimeFormat.Column("last_active_at", local), "area", "tags" })
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
                    csv.WriteField(TimeFormat.Cell(p.JoinedAt, local));
                    csv.WriteField(p.LastActiveAt is { } last ? TimeFormat.Cell(last, local) : "");
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

    /// <summary>The members the filter finds, through the code the announcement segments use too (ADR 76).</summary>
    private async Task<IQueryable<User>> FilteredAsync(StaffViewer viewer, PeopleFilter filter, CancellationToken ct)
    {
        var groupId = await PeopleSegment.GroupIdAsync(db, viewer.Id, filter, ct);
        return PeopleSegment.Apply(db, db.Users.AsNoTracking().Active(), filter, groupId, time.UtcNow());
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
}
