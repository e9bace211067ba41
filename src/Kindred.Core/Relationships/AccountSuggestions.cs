using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Relationships;

/// <summary>
/// "People you may know" (ADR 22): members who share groups, interests, a nearby home area or followed accounts with
/// the viewer. A profile part the suggested person hides from the viewer (<see cref="ProfileVisibilityRules"/>) is
/// neither shown as a reason nor used to rank, so the suggestions cannot be used to probe it.
/// </summary>
public sealed class AccountSuggestions(KindredDbContext db, TimeProvider time)
{
    public const int DefaultLimit = 40;
    public const int MaxLimit = 80;

    /// <summary>Members who follow fewer people than this get suggestions on their home page.</summary>
    public const int FewConnections = 10;

    /// <summary>Home areas whose cells are this close count as "near".</summary>
    public const int NearbyKm = 10;

    // Each signal reads at most this many rows, so a very connected member costs a bounded amount.
    private const int MaxPerSignal = 500;

    /// <summary>Whether <paramref name="viewerId"/> follows fewer than <see cref="FewConnections"/> accounts.</summary>
    public async Task<bool> HasFewConnectionsAsync(long viewerId, CancellationToken ct = default) =>
        await db.Follows.CountAsync(f => f.AccountId == viewerId, ct) < FewConnections;

    /// <summary>Suggestions for <paramref name="viewerId"/>, strongest first. Never the viewer, anyone they follow or asked
    /// to follow, anyone blocked either way or muted, accounts that opted out of discovery, or inactive and remote accounts.</summary>
    public async Task<IReadOnlyList<AccountSuggestion>> SuggestAsync(long viewerId, int limit, CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var now = time.UtcNow();
        if (!await db.Accounts.AnyAsync(a => a.Id == viewerId, ct))
        {
            throw KindredException.NotFound();
        }
        var excluded = new HashSet<long> { viewerId };
        excluded.UnionWith(await db.Follows.Where(f => f.AccountId == viewerId).Select(f => f.TargetAccountId).ToListAsync(ct));
        excluded.UnionWith(await db.FollowRequests.Where(r => r.AccountId == viewerId).Select(r => r.TargetAccountId).ToListAsync(ct));
        excluded.UnionWith(await db.Blocks.Where(b => b.AccountId == viewerId).Select(b => b.TargetAccountId).ToListAsync(ct));
        excluded.UnionWith(await db.Blocks.Where(b => b.TargetAccountId == viewerId).Select(b => b.AccountId).ToListAsync(ct));
        excluded.UnionWith(await db.Mutes.Live(now).Where(m => m.AccountId == viewerId).Select(m => m.TargetAccountId).ToListAsync(ct));

        var myGroups = db.GroupMemberships.Where(m => m.AccountId == viewerId).Select(m => m.GroupId);
        var sharedGroups = await db.GroupMemberships
            .Where(m => m.AccountId != viewerId && myGroups.Contains(m.GroupId))
            .GroupBy(m => m.AccountId)
            .Select(g => new { AccountId = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenByDescending(x => x.AccountId)
            .Take(MaxPerSignal)
            .ToDictionaryAsync(x => x.AccountId, x => x.Count, ct);

        var myInterests = db.AccountTags.Where(t => t.AccountId == viewerId && t.Kind == AccountTagKind.Interest).Select(t => t.Name);
        var interests = (await db.AccountTags
            .Where(t => t.AccountId != viewerId && t.Kind == AccountTagKind.Interest && myInterests.Contains(t.Name))
            .OrderByDescending(t => t.AccountId).ThenBy(t => t.Name)
            .Select(t => new { t.AccountId, t.Name, t.Display })
            .Take(MaxPerSignal * 4)
            .ToListAsync(ct))
            .GroupBy(t => t.AccountId)
            .ToDictionary(g => g.Key, g => g.Select(t => t.Display).ToList());

        // Nearness is measured from the viewer's settled home area, between cell centres, and does not grade the score:
        // moving one's home area about, or comparing the order of people nearby, locates no one (ADR 43).
        var nearby = new HashSet<long>();
        if (await DistanceOrigin.LoadAsync(db, viewerId, now, ct) is { } h)
        {
            var centre = CoarseLocation.Cell(h);
            var box = GeoBox.Around(centre.Lat, centre.Lon, NearbyKm + CoarseLocation.CellMarginKm);
            var points = await db.Accounts
                .Where(a => a.Id != viewerId && a.Domain == null && a.Latitude != null && a.Longitude != null
                    && a.Latitude >= box.MinLat && a.Latitude <= box.MaxLat
                    && (box.AllLongitudes || (a.Longitude >= box.West1 && a.Longitude <= box.East1) || (a.Longitude >= box.West2 && a.Longitude <= box.East2)))
                .OrderByDescending(a => a.Id)
                .Select(a => new { a.Id, Lat = a.Latitude!.Value, Lon = a.Longitude!.Value })
                .Take(MaxPerSignal)
                .ToListAsync(ct);
            foreach (var p in points)
            {
                if (CoarseLocation.CellDistanceKm(h, new GeoPoint(p.Lat, p.Lon)) <= NearbyKm)
                {
                    nearby.Add(p.Id);
                }
            }
        }

        // Friends of friends. Someone who hides whom they follow is left out, so the count never reveals their list.
        var following = db.Follows.Where(f => f.AccountId == viewerId).Select(f => f.TargetAccountId);
        var mutual = await db.Follows
            .Where(f => following.Contains(f.AccountId) && f.TargetAccountId != viewerId && !db.Accounts.Any(a => a.Id == f.AccountId && a.HideCollections))
            .GroupBy(f => f.TargetAccountId)
            .Select(g => new { AccountId = g.Key, Count = g.Count() })
            .OrderByDescending(x => x.Count).ThenByDescending(x => x.AccountId)
            .Take(MaxPerSignal)
            .ToDictionaryAsync(x => x.AccountId, x => x.Count, ct);

        var followers = (await db.Follows.Where(f => f.TargetAccountId == viewerId)
            .OrderByDescending(f => f.Id).Select(f => f.AccountId).Take(MaxPerSignal).ToListAsync(ct)).ToHashSet();

        var ids = sharedGroups.Keys.Concat(interests.Keys).Concat(nearby).Concat(mutual.Keys).Concat(followers)
            .Where(id => !excluded.Contains(id)).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Visible()
            .Where(a => ids.Contains(a.Id) && a.Domain == null && a.Discoverable)
            .NotLimited(db)
            .Include(a => a.Fields)
            .Include(a => a.Tags)
            .Include(a => a.User)
            .AsSplitQuery()
            .ToListAsync(ct);

        var scored = new List<(AccountSuggestion Suggestion, double Score)>();
        foreach (var account in accounts)
        {
            var reasons = new List<(SuggestionReason Reason, double Weight)>();
            if (followers.Contains(account.Id))
            {
                reasons.Add((new SuggestionReason(SuggestionReasonKind.FollowsYou), 4));
            }
            if (sharedGroups.TryGetValue(account.Id, out var groups))
            {
                reasons.Add((new SuggestionReason(SuggestionReasonKind.SharedGroups, groups), 3.0 * groups));
            }
            if (mutual.TryGetValue(account.Id, out var friends))
            {
                reasons.Add((new SuggestionReason(SuggestionReasonKind.MutualFollows, friends), 2.0 * friends));
            }
            if (interests.TryGetValue(account.Id, out var shared) && ProfileVisibilityRules.CanSee(account.TagsVisibility, account.Id, viewerId))
            {
                reasons.Add((new SuggestionReason(SuggestionReasonKind.SharedInterest, shared.Count, shared[0]), 2.0 * shared.Count));
            }
            if (nearby.Contains(account.Id) && ProfileVisibilityRules.CanSee(account.AreaVisibility, account.Id, viewerId))
            {
                var area = string.IsNullOrWhiteSpace(account.AreaName) ? null : account.AreaName;
                reasons.Add((new SuggestionReason(SuggestionReasonKind.Nearby, 0, area), 2.5));
            }
            if (reasons.Count == 0)
            {
                continue;
            }
            var ordered = reasons.OrderByDescending(r => r.Weight).ThenBy(r => r.Reason.Kind).Select(r => r.Reason).ToList();
            scored.Add((new AccountSuggestion(account, ordered), reasons.Sum(r => r.Weight)));
        }
        return scored.OrderByDescending(s => s.Score).ThenByDescending(s => s.Suggestion.Account.Id).Take(limit).Select(s => s.Suggestion).ToList();
    }
}
