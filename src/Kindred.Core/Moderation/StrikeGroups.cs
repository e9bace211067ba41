using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>
/// The groups a "remove from a group" strike may name (ADR 74): those the reported account is a member of or has asked
/// to join, and those the report's posts were posted in (the account may have left since). One list for the form's
/// picker and the service's check, so the console offers exactly what the service accepts.
/// </summary>
public static class StrikeGroups
{
    public static async Task<List<StrikeGroup>> ChoicesAsync(KindredDbContext db, long accountId, IReadOnlyCollection<long> reportedStatusIds, CancellationToken ct)
    {
        var ids = reportedStatusIds.ToList();
        var postedIn = db.Statuses.Where(s => ids.Contains(s.Id) && s.AccountId == accountId && s.GroupId != null).Select(s => s.GroupId!.Value);
        var memberOf = db.GroupMemberships.Where(m => m.AccountId == accountId).Select(m => m.GroupId);
        var asked = db.GroupMembershipRequests.Where(r => r.AccountId == accountId).Select(r => r.GroupId);
        return await db.Groups.AsNoTracking()
            .Where(g => postedIn.Contains(g.Id) || memberOf.Contains(g.Id) || asked.Contains(g.Id))
            .OrderBy(g => g.Name).ThenBy(g => g.Id)
            .Select(g => new StrikeGroup(g.Id, g.Name))
            .ToListAsync(ct);
    }

    /// <summary>The names of the groups the strikes name, for the pages that list strikes.</summary>
    public static async Task<IReadOnlyDictionary<long, string>> NamesAsync(KindredDbContext db, IEnumerable<Strike> strikes, CancellationToken ct)
    {
        var ids = strikes.Select(s => s.GroupId).OfType<long>().Distinct().ToList();
        return ids.Count == 0 ? new Dictionary<long, string>() : await db.Groups.AsNoTracking().Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
    }
}
