using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Aid;

/// <summary>
/// Matching (ADR 31). For a new request: open offers and opted-in helpers in the same category, near enough (each
/// helper's own radius; an offer's owner's radius or <see cref="AidSafeguardingOptions.DefaultRadiusKm"/>), available at
/// the same times and dates, who may see the request (<see cref="AidVisibility"/>, so blocks either way are out) and may
/// answer it (answer policy, new members and sensitive requests). For a new offer: the open requests its owner could
/// answer. Every distance is measured between cell centres (<see cref="CoarseLocation.Cell"/>, ADR 43).
/// <see cref="RunAsync"/> tells the best few once per item, claiming each item with a guarded UPDATE inside the
/// transaction that adds the notifications, so a restart or a second server never tells anyone twice.
/// </summary>
public sealed class AidMatching(KindredDbContext db, Notify notify, TimeProvider time, IOptions<AidSafeguardingOptions> options)
{
    /// <summary>Candidates read from the database per item before the exact checks; keeps one item's cost bounded.</summary>
    public const int MaxCandidates = 200;

    /// <summary>Items claimed per pass.</summary>
    public const int BatchSize = 50;

    /// <summary>Only items this recent are matched, so turning matching on never mails about old items.</summary>
    public static readonly TimeSpan NewFor = TimeSpan.FromDays(7);

    private AidSafeguardingOptions Options => options.Value;

    /// <summary>The ranked candidates for an open request (offer owners and helpers, one row per person).</summary>
    public async Task<IReadOnlyList<AidMatch>> ForRequestAsync(AidItem request, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var owner = await AudienceViewerAsync(request.AccountId, ct);
        var matches = new List<AidMatch>();

        // (a) open offers the requester may see, whose owner may answer.
        var offers = await db.AidItems.AsNoTracking()
            .Where(o => o.Kind == AidKind.Offer && o.State == AidItemState.Open && o.ExpiresAt > now
                && o.CategoryId == request.CategoryId && o.AccountId != request.AccountId)
            .VisibleTo(db, owner)
            .OrderBy(o => o.Id).Take(MaxCandidates)
            .Select(o => new
            {
                o.Id,
                o.AccountId,
                o.Latitude,
                o.Longitude,
                o.StartsOn,
                o.EndsOn,
                o.AvailabilityMask,
                Radius = db.AidHelperCategories.Where(h => h.AccountId == o.AccountId && h.CategoryId == o.CategoryId).Select(h => (int?)h.RadiusKm).FirstOrDefault(),
            })
            .ToListAsync(ct);
        foreach (var o in offers)
        {
            var distance = Distance(request.Latitude, request.Longitude, o.Latitude, o.Longitude);
            if ((distance is { } d && d > (o.Radius ?? Options.DefaultRadiusKm))
                || AidMatchRules.Overlap(request.AvailabilityMask, o.AvailabilityMask) == 0
                || !AidMatchRules.WindowsOverlap(request.StartsOn, request.EndsOn, o.StartsOn, o.EndsOn))
            {
                continue;
            }
            if (await MayAnswerAsync(request, o.AccountId, now, ct) is { } vetted)
            {
                matches.Add(new AidMatch(AidMatchKind.Offer, o.AccountId, o.Id, distance,
                    AidMatchRules.Score(AidMatchRules.OverlapShare(request.AvailabilityMask, o.AvailabilityMask), true, vetted)));
            }
        }

        // (b) members who opted in for the category, whose own radius reaches the request. Without a location the
        // request cannot be placed in anyone's area, so only offers are suggested.
        if (request.Latitude is { } lat && request.Longitude is { } lon)
        {
            var box = GeoBox.Around(lat, lon, AidHelpingService.MaxRadiusKm + (2 * CoarseLocation.CellMarginKm));
            var helpers = await db.AidHelperCategories.AsNoTracking()
                .Where(h => h.CategoryId == request.CategoryId && h.AccountId != request.AccountId)
                .Join(db.Accounts, h => h.AccountId, a => a.Id, (h, a) => new { h.AccountId, h.RadiusKm, a.Latitude, a.Longitude })
                .Where(x => x.Latitude != null && x.Longitude != null && x.Latitude >= box.MinLat && x.Latitude <= box.MaxLat
                    && (box.AllLongitudes || (x.Longitude >= box.West1 && x.Longitude <= box.East1) || (x.Longitude >= box.West2 && x.Longitude <= box.East2)))
                .OrderBy(x => x.AccountId).Take(MaxCandidates)
                .ToListAsync(ct);
            foreach (var h in helpers)
            {
                if (matches.Any(m => m.AccountId == h.AccountId))
                {
                    continue;
                }
                var distance = CoarseLocation.CellDistanceKm(new GeoPoint(lat, lon), new GeoPoint(h.Latitude!.Value, h.Longitude!.Value));
                if (distance > h.RadiusKm)
                {
                    continue;
                }
                if (await MayAnswerAsync(request, h.AccountId, now, ct) is { } vetted)
                {
                    matches.Add(new AidMatch(AidMatchKind.Helper, h.AccountId, null, distance,
                        AidMatchRules.Score(AidMatchRules.OverlapShare(request.AvailabilityMask, 0), false, vetted)));
                }
            }
        }
        return AidMatchRules.Order(matches, m => m.Score, m => m.DistanceKm, m => m.ItemId ?? m.AccountId).ToList();
    }

    /// <summary>The open requests the owner of <paramref name="offer"/> may see and answer, ranked.</summary>
    public async Task<IReadOnlyList<AidMatch>> ForOfferAsync(AidItem offer, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var owner = await AudienceViewerAsync(offer.AccountId, ct);
        var reach = await db.AidHelperCategories.Where(h => h.AccountId == offer.AccountId && h.CategoryId == offer.CategoryId)
            .Select(h => (int?)h.RadiusKm).FirstOrDefaultAsync(ct) ?? Options.DefaultRadiusKm;
        var requests = db.AidItems.AsNoTracking()
            .Where(r => r.Kind == AidKind.Request && r.State == AidItemState.Open && r.ExpiresAt > now
                && r.CategoryId == offer.CategoryId && r.AccountId != offer.AccountId)
            .VisibleTo(db, owner);
        if (offer.Latitude is { } lat && offer.Longitude is { } lon)
        {
            var box = GeoBox.Around(lat, lon, reach + (2 * CoarseLocation.CellMarginKm));
            requests = requests.Where(r => r.Latitude == null || (r.Latitude >= box.MinLat && r.Latitude <= box.MaxLat
                && (box.AllLongitudes || (r.Longitude >= box.West1 && r.Longitude <= box.East1) || (r.Longitude >= box.West2 && r.Longitude <= box.East2))));
        }
        var candidates = await requests.OrderByDescending(r => r.Id).Take(MaxCandidates).ToListAsync(ct);
        var matches = new List<AidMatch>();
        foreach (var r in candidates)
        {
            var distance = Distance(r.Latitude, r.Longitude, offer.Latitude, offer.Longitude);
            if ((distance is { } d && d > reach)
                || AidMatchRules.Overlap(r.AvailabilityMask, offer.AvailabilityMask) == 0
                || !AidMatchRules.WindowsOverlap(r.StartsOn, r.EndsOn, offer.StartsOn, offer.EndsOn)
                || await MayAnswerAsync(r, offer.AccountId, now, ct) is null)
            {
                continue;
            }
            matches.Add(new AidMatch(AidMatchKind.Request, r.AccountId, r.Id, distance,
                AidMatchRules.RequestScore(AidMatchRules.OverlapShare(r.AvailabilityMask, offer.AvailabilityMask), (int)r.Urgency)));
        }
        return AidMatchRules.Order(matches, m => m.Score, m => m.DistanceKm, m => m.ItemId ?? 0).ToList();
    }

    /// <summary>The matches page of one item: its owner only; anyone else gets "not found".</summary>
    public async Task<AidSuggestions> SuggestionsAsync(long itemId, long viewerId, CancellationToken ct = default)
    {
        var item = await db.AidItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.AccountId == viewerId, ct)
            ?? throw KindredException.NotFound();
        var matches = item.State != AidItemState.Open ? []
            : item.Kind == AidKind.Request ? await ForRequestAsync(item, ct) : await ForOfferAsync(item, ct);
        var ids = matches.Where(m => m.ItemId != null).Select(m => m.ItemId!.Value).ToList();
        var items = await db.AidItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var owners = items.Values.Select(i => i.AccountId).Distinct().ToList();
        var names = await db.Accounts.AsNoTracking().Where(a => owners.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Username, ct);
        var answering = (await db.AidResponses.Where(r => r.ResponderId == viewerId && ids.Contains(r.ItemId)
                && (r.State == AidResponseState.Pending || r.State == AidResponseState.Accepted))
            .Select(r => r.ItemId).ToListAsync(ct)).ToHashSet();

        // The owner sees bands, never kilometres, and no distance for a sensitive item they are not answering; the order
        // uses the band alone, so it cannot rank two items inside one band by distance (ADR 43).
        var shown = matches.Where(m => m.ItemId is { } id && items.ContainsKey(id))
            .Select(m => (Match: m, Item: items[m.ItemId!.Value]))
            .Select(x => new AidSuggestedItem(x.Item, names.GetValueOrDefault(x.Item.AccountId, ""),
                x.Match.DistanceKm is { } km && (!x.Item.Sensitive || answering.Contains(x.Item.Id)) ? DistanceBand.Of(km) : null, x.Match.Score))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Distance?.Index ?? int.MaxValue).ThenBy(s => s.Item.Id)
            .ToList();
        return new AidSuggestions(item, shown, matches.Count(m => m.Kind == AidMatchKind.Helper));
    }

    /// <summary>
    /// One pass of the matching job: claims new open items not yet matched and tells the best few. Answers how many items
    /// it matched. Each item is claimed and its notifications written in one transaction.
    /// </summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.UtcNow();
        var since = now - NewFor;
        var ids = await db.AidItems.Where(i => i.MatchedAt == null && i.State == AidItemState.Open && i.ExpiresAt > now && i.CreatedAt >= since)
            .OrderBy(i => i.Id).Select(i => i.Id).Take(BatchSize).ToListAsync(ct);
        var done = 0;
        foreach (var id in ids)
        {
            // The claim and the notifications commit together, per item.
            var claimed = await db.InTransactionAsync(async () =>
            {
                if (await db.AidItems.Where(i => i.Id == id && i.MatchedAt == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(i => i.MatchedAt, now), ct) == 0)
                {
                    // Another process claimed it; the empty transaction commits nothing.
                    return false;
                }
                var item = await db.AidItems.AsNoTracking().FirstAsync(i => i.Id == id, ct);
                if (item.Kind == AidKind.Request)
                {
                    await NotifyAsync((await ForRequestAsync(item, ct)).Select(m => (m.AccountId, item.Id, item.AccountId)), now, ct);
                }
                else
                {
                    await NotifyAsync((await ForOfferAsync(item, ct)).Select(m => (item.AccountId, m.ItemId!.Value, m.AccountId)), now, ct);
                }
                await db.SaveChangesAsync(ct);
                return true;
            }, ct);
            if (!claimed)
            {
                continue;
            }
            db.ChangeTracker.Clear();
            done++;
        }
        return done;
    }

    /// <summary>
    /// Adds aid_match notifications in rank order up to <see cref="AidSafeguardingOptions.MatchNotifications"/>: never a
    /// second one about the same item to the same person, never past a person's daily cap, never when they mute the
    /// item's owner with notifications.
    /// </summary>
    private async Task NotifyAsync(IEnumerable<(long Recipient, long ItemId, long FromId)> ranked, DateTime now, CancellationToken ct)
    {
        var dayAgo = now.AddDays(-1);
        var perDay = Math.Max(0, Options.MatchNotificationsPerDay);
        var sent = 0;
        foreach (var (recipient, itemId, fromId) in ranked)
        {
            if (sent >= Math.Max(0, Options.MatchNotifications))
            {
                break;
            }
            var already = await db.Notifications.AnyAsync(n => n.AccountId == recipient && n.Type == NotificationTypes.AidMatch && n.AidItemId == itemId, ct)
                || db.Notifications.Local.Any(n => n.AccountId == recipient && n.AidItemId == itemId);
            var today = await db.Notifications.CountAsync(n => n.AccountId == recipient && n.Type == NotificationTypes.AidMatch && n.CreatedAt > dayAgo, ct)
                + db.Notifications.Local.Count(n => n.AccountId == recipient);
            // Notify's rule leaves out whoever mutes the item's owner with notifications (blocks are out already).
            if (!already && today < perDay && await notify.AddForAidItemAsync(now, NotificationTypes.AidMatch, recipient, fromId, itemId, ct))
            {
                sent++;
            }
        }
    }

    /// <summary>
    /// Null when <paramref name="accountId"/> may not answer <paramref name="item"/>; otherwise whether they are a current
    /// vetted helper. Seeing goes through <see cref="AidVisibility"/>; answering adds the answer policy and, for sensitive
    /// items, the new-member days.
    /// </summary>
    private async Task<bool?> MayAnswerAsync(AidItem item, long accountId, DateTime now, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Active().Where(u => u.Id == accountId)
            .Select(u => new { Joined = u.ApprovedAt ?? u.CreatedAt }).FirstOrDefaultAsync(ct);
        if (user is null || accountId == item.AccountId)
        {
            return null;
        }
        var viewer = await AudienceViewerAsync(accountId, ct);
        if ((item.AnswerPolicy == AidAnswerPolicy.VettedHelpersOnly && !viewer.IsVettedHelper)
            || (item.Sensitive && user.Joined > now.AddDays(-Math.Max(0, Options.NewMemberDays)))
            || !await db.AidItems.Where(i => i.Id == item.Id).VisibleTo(db, viewer).AnyAsync(ct))
        {
            return null;
        }
        return viewer.IsVettedHelper;
    }

    /// <summary>
    /// A member as the audience rule sees them, without the safeguarding-lead override: a lead sees every item to review
    /// it, but is matched, like anyone, only with items meant for them.
    /// </summary>
    private async Task<AidViewer> AudienceViewerAsync(long accountId, CancellationToken ct) =>
        await AidViewer.LoadAsync(db, Viewer.Member(accountId), ct) with { IsSafeguardingLead = false };

    // Between cell centres (ADR 43): an owner who moves their item and watches who matches learns at most a cell.
    private static double? Distance(double? lat1, double? lon1, double? lat2, double? lon2) =>
        lat1 is { } a && lon1 is { } b && lat2 is { } c && lon2 is { } d ? CoarseLocation.CellDistanceKm(new GeoPoint(a, b), new GeoPoint(c, d)) : null;
}
