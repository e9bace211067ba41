using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Audit;

/// <summary>
/// Reads the audit log for /admin/audit (owner and admins; the page's policy says so, ADR 56): newest first, keyset
/// paging on the time-sorted id, filtered by actor, action, days and group; and one group's moderation log for its own
/// moderators (ADR 74).
/// </summary>
public sealed class AuditQueries(KindredDbContext db)
{
    public const int PageSize = 50;

    /// <param name="before">Only entries older than this id (the previous page's <see cref="AuditLogPage.NextBefore"/>).</param>
    public async Task<AuditLogPage> PageAsync(AuditFilter filter, long? before, CancellationToken ct = default)
    {
        var entries = db.AuditEntries.AsNoTracking();
        var actor = (filter.Actor ?? "").Trim().TrimStart('@');
        if (actor.Length > 0)
        {
            var normalized = actor.ToLowerInvariant();
            var actorId = await db.Accounts.AsNoTracking().Where(a => a.Domain == null && a.UsernameNormalized == normalized)
                .Select(a => (long?)a.Id).FirstOrDefaultAsync(ct);
            if (actorId is null)
            {
                throw KindredException.Invalid("actor", $"There is no member called \"{(actor.Length > 30 ? actor[..30] + "…" : actor)}\".");
            }
            entries = entries.Where(e => e.ActorId == actorId);
        }
        var action = (filter.Action ?? "").Trim();
        if (action.Length > 0)
        {
            if (!AuditActions.All.Contains(action))
            {
                throw KindredException.Invalid("action", "Choose an action from the list.");
            }
            entries = entries.Where(e => e.Action == action);
        }
        if (filter.From is { } from && filter.To is { } to && to < from)
        {
            throw KindredException.Invalid("to", "The last day comes after the first.");
        }
        if (filter.From is { } first)
        {
            var start = Start(first, filter.Zone);
            entries = entries.Where(e => e.At >= start);
        }
        if (filter.To is { } last)
        {
            var end = Start(last.AddDays(1), filter.Zone);
            entries = entries.Where(e => e.At < end);
        }
        var group = (filter.Group ?? "").Trim().ToLowerInvariant();
        if (group.Length > 0)
        {
            var groupId = await db.Groups.AsNoTracking().Where(g => g.Slug == group).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct)
                ?? throw KindredException.Invalid("group", $"There is no group at the address \"{(group.Length > 30 ? group[..30] + "…" : group)}\".");
            entries = entries.Where(e => e.TargetKind == AuditTarget.GroupKind && e.TargetId == groupId);
        }
        return await PageOfAsync(entries, before, ct);
    }

    /// <summary>
    /// The moderation log of one group for its moderators, admins and owner (and nobody else, not even server staff: they
    /// have /admin/audit): what anyone did to its members, requests and posts, newest first.
    /// </summary>
    public async Task<AuditLogPage> GroupPageAsync(long viewerId, long groupId, long? before, CancellationToken ct = default)
    {
        var role = await db.GroupMemberships.AsNoTracking().Where(m => m.GroupId == groupId && m.AccountId == viewerId).Select(m => (GroupRole?)m.Role).FirstOrDefaultAsync(ct);
        if (!GroupAccess.CanModerate(role))
        {
            throw KindredException.Forbidden("Only the group's moderators read its moderation log.");
        }
        return await PageOfAsync(db.AuditEntries.AsNoTracking().Where(e => e.TargetKind == AuditTarget.GroupKind && e.TargetId == groupId), before, ct);
    }

    private async Task<AuditLogPage> PageOfAsync(IQueryable<AuditEntry> entries, long? before, CancellationToken ct)
    {
        if (before is { } id)
        {
            entries = entries.Where(e => e.Id < id);
        }
        var page = await entries.OrderByDescending(e => e.Id).Take(PageSize + 1)
            .Select(e => new { Entry = e, Username = db.Accounts.Where(a => a.Id == e.ActorId).Select(a => a.Username).FirstOrDefault() })
            .ToListAsync(ct);
        var rows = page.Take(PageSize).Select(p => new AuditRow(p.Entry, p.Username)).ToList();
        return new AuditLogPage(rows, page.Count > PageSize ? rows[^1].Entry.Id : null);
    }

    /// <summary>The UTC moment a local day starts in <paramref name="zone"/>.</summary>
    private static DateTime Start(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A day that starts inside a daylight-saving gap starts at the first valid moment after it.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
