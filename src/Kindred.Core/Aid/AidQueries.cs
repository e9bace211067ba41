using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// Reading aid items: browsing (/aid and the API), a member's own items, and one item with the sensitive-view audit.
/// Every read starts from <see cref="AidVisibility.VisibleTo"/>; filters and the distance box run in SQL, the distance
/// bands and the ranked orders here, so SQLite and PostgreSQL give the same items in the same order (ADR 29).
/// Distances are bands between cells, measured from the viewer's settled <see cref="DistanceOrigin"/>; a sensitive
/// item has no distance, no place in a "near me" list and no rank by distance for anyone but those answering it (ADR 43).
/// </summary>
public sealed class AidQueries(KindredDbContext db, TimeProvider time)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;
    public const int MaxOffset = NearbySearch.MaxOffset;
    public const int DefaultRadiusKm = NearbySearch.DefaultRadiusKm;
    public const int MinRadiusKm = NearbySearch.MinRadiusKm;
    public const int MaxRadiusKm = NearbySearch.MaxRadiusKm;

    /// <summary>At most this many items (the newest that pass the filters) are measured and ranked for one request.</summary>
    public const int MaxCandidates = 5_000;

    /// <summary>The items <paramref name="viewer"/> may see, filtered and ordered as asked.</summary>
    /// <exception cref="KindredException">Invalid, naming the parameter, for a radius or offset out of range, an unknown
    /// category, or "near me" without a home area.</exception>
    public async Task<AidBrowsePage> BrowseAsync(AidBrowseQuery query, Viewer viewer, CancellationToken ct = default)
    {
        var radius = NearbySearch.CheckedRadius(query.Offset, query.RadiusKm);
        var limit = Math.Clamp(query.Page.Limit, 1, MaxLimit);
        var home = await HomeAsync(viewer.AccountId, ct);
        if (query.NearMe && home is null)
        {
            throw KindredException.Invalid("near", viewer.AccountId is null
                ? "Sign in to find help near you."
                : "Add your home area to your profile to find help near you.");
        }
        if (query.Sort == AidSort.Distance && home is null)
        {
            throw KindredException.Invalid("sort", "Add your home area to your profile to sort by distance.");
        }

        var items = db.AidItems.AsNoTracking().VisibleTo(db, await AidViewer.LoadAsync(db, viewer, ct));
        if (query.Kind is { } kind)
        {
            items = items.Where(i => i.Kind == kind);
        }
        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            var slug = query.Category.Trim().ToLowerInvariant();
            var categoryId = await db.AidCategories.Where(c => c.Slug == slug).Select(c => (long?)c.Id).FirstOrDefaultAsync(ct)
                ?? throw KindredException.Invalid("category", $"There is no category \"{slug}\".");
            items = items.Where(i => i.CategoryId == categoryId);
        }
        if (query.MinUrgency is { } urgency)
        {
            items = items.Where(i => i.Kind == AidKind.Request && i.Urgency >= urgency);
        }
        if (!query.AnyState)
        {
            items = query.State is { } state
                ? items.Where(i => i.State == state)
                : items.Where(i => i.State == AidItemState.Open || i.State == AidItemState.InProgress);
        }
        // The radius snaps to a band edge: binary-searching it finds a band, never a distance.
        var within = DistanceBand.ForRadius(radius);
        if (query.NearMe && home is { } origin)
        {
            items = items.Where(i => i.Latitude != null && i.Longitude != null);
            if (within.UpperKm is { } upper)
            {
                // Bands run between cell centres; the margin keeps every point whose cell is within reach.
                var centre = CoarseLocation.Cell(origin);
                var box = GeoBox.Around(centre.Lat, centre.Lon, upper + CoarseLocation.CellMarginKm);
                items = items.Where(i => i.Latitude >= box.MinLat && i.Latitude <= box.MaxLat
                    && (box.AllLongitudes || (i.Longitude >= box.West1 && i.Longitude <= box.East1) || (i.Longitude >= box.West2 && i.Longitude <= box.East2)));
            }
        }

        // Keyset bounds apply to the newest order only; the ranked orders page by offset.
        var page = query.Page;
        var oldestFirst = false;
        if (query.Sort == AidSort.Newest)
        {
            if (page.MaxId is { } max)
            {
                items = items.Where(i => i.Id < max);
            }
            if (page.SinceId is { } since)
            {
                items = items.Where(i => i.Id > since);
            }
            if (page.MinId is { } min)
            {
                items = items.Where(i => i.Id > min);
                oldestFirst = true;
            }
        }
        var ordered = oldestFirst ? items.OrderBy(i => i.Id) : items.OrderByDescending(i => i.Id);
        var candidates = await ordered.Take(MaxCandidates)
            .Select(i => new { i.Id, i.Latitude, i.Longitude, i.Urgency, i.Kind, i.Sensitive })
            .ToListAsync(ct);
        var answering = home is null ? [] : await AnsweringAsync(candidates.Where(c => c.Sensitive).Select(c => c.Id).ToList(), viewer.AccountId, ct);

        var measured = candidates
            .Select(c => (c.Id, c.Urgency, c.Kind, Distance: home is { } h && c.Latitude is { } lat && c.Longitude is { } lon && (!c.Sensitive || answering.Contains(c.Id))
                ? CoarseLocation.Band(h, new GeoPoint(lat, lon))
                : (DistanceBand?)null))
            .Where(c => !query.NearMe || (c.Distance is { } band && band.Within(within)))
            .ToList();
        List<(long Id, DistanceBand? Distance)> chosen;
        bool hasMore;
        if (query.Sort == AidSort.Newest)
        {
            var taken = measured.Take(limit + 1).ToList();
            hasMore = taken.Count > limit;
            chosen = taken.Take(limit).Select(c => (c.Id, c.Distance)).ToList();
            if (oldestFirst)
            {
                chosen.Reverse();
            }
        }
        else
        {
            var ranked = query.Sort == AidSort.Urgency
                // Offers have no urgency: they come after every request.
                ? measured.OrderByDescending(c => c.Kind == AidKind.Request ? (int)c.Urgency : -1).ThenByDescending(c => c.Id)
                // By band, then newest first: within a band the order says nothing about who is nearer.
                : measured.OrderBy(c => c.Distance?.Index ?? int.MaxValue).ThenByDescending(c => c.Id);
            var taken = ranked.Skip(query.Offset).Take(limit + 1).ToList();
            hasMore = taken.Count > limit;
            chosen = taken.Take(limit).Select(c => (c.Id, c.Distance)).ToList();
        }
        return new AidBrowsePage(await EntriesAsync(chosen, ct), hasMore);
    }

    /// <summary>The member's own items in every state, newest first, keyset-paged.</summary>
    public async Task<IReadOnlyList<AidListEntry>> MineAsync(long accountId, Page page, CancellationToken ct = default)
    {
        var ids = await db.AidItems.AsNoTracking().Where(i => i.AccountId == accountId)
            .Select(i => i.Id).PageAsync(page, id => id, MaxLimit, ct);
        return await EntriesAsync(ids.Select(id => (id, (DistanceBand?)null)).ToList(), ct);
    }

    /// <summary>
    /// One item as <paramref name="viewer"/> may see it, or not found. Opening a sensitive item someone else posted leaves
    /// a row in the audit trail (<see cref="AidItemView"/>) saying who, when and through which door.
    /// </summary>
    /// <param name="via">"web" or "api"; null only to read the item again after an action in the same request, which
    /// was audited when it first read the item.</param>
    public async Task<AidListEntry> GetAsync(long itemId, Viewer viewer, string? via, CancellationToken ct = default)
    {
        var aidViewer = await AidViewer.LoadAsync(db, viewer, ct);
        var item = await db.AidItems.AsNoTracking().Where(i => i.Id == itemId).VisibleTo(db, aidViewer).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound();
        if (via is not null && item.Sensitive && viewer.AccountId is { } me && me != item.AccountId)
        {
            var now = time.UtcNow();
            db.AidItemViews.Add(new AidItemView { Id = Snowflake.NewId(now), ItemId = item.Id, ViewerId = me, ViewedAt = now, Via = via });
            await db.SaveChangesAsync(ct);
        }
        var home = await HomeAsync(viewer.AccountId, ct);
        DistanceBand? distance = viewer.AccountId != item.AccountId && home is { } h && item.Latitude is { } lat && item.Longitude is { } lon
            && (!item.Sensitive || (await AnsweringAsync([item.Id], viewer.AccountId, ct)).Count > 0)
            ? CoarseLocation.Band(h, new GeoPoint(lat, lon))
            : null;
        return (await EntriesAsync([(item.Id, distance)], ct))[0];
    }

    /// <summary>The member's own item for its edit form (tracked nothing, no audit: the owner reading their own).</summary>
    public async Task<AidItem> OwnAsync(long accountId, long itemId, CancellationToken ct = default) =>
        await db.AidItems.AsNoTracking().FirstOrDefaultAsync(i => i.Id == itemId && i.AccountId == accountId, ct)
            ?? throw KindredException.NotFound();

    /// <summary>The groups a member may share an item with (those they belong to), by name: the new and edit forms.</summary>
    public async Task<IReadOnlyList<Group>> ShareableGroupsAsync(long accountId, CancellationToken ct = default) =>
        await db.Groups.AsNoTracking()
            .Where(g => db.GroupMemberships.Any(m => m.GroupId == g.Id && m.AccountId == accountId))
            .OrderBy(g => g.Name).ToListAsync(ct);

    /// <summary>The member's profile home area, where a new item's area starts (they may change or remove it).</summary>
    public Task<string?> AreaNameAsync(long accountId, CancellationToken ct = default) =>
        db.Accounts.Where(a => a.Id == accountId).Select(a => a.AreaName).FirstOrDefaultAsync(ct);

    /// <summary>The name of the group an item is shared in, or null when the viewer may not know the group exists.</summary>
    public Task<string?> GroupNameAsync(long groupId, Viewer viewer, CancellationToken ct = default) =>
        db.Groups.AsNoTracking().Where(g => g.Id == groupId).VisibleTo(db, viewer).Select(g => g.Name).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Items already chosen through <see cref="AidVisibility"/> (the owner's suggestions), as a list shows them, in the
    /// order given.
    /// </summary>
    public Task<IReadOnlyList<AidListEntry>> EntriesAsync(IEnumerable<AidSuggestedItem> chosen, CancellationToken ct = default) =>
        EntriesAsync(chosen.Select(c => (c.Item.Id, c.Distance)).ToList(), ct);

    /// <summary>Where a member's distances are measured from: their settled home area (<see cref="DistanceOrigin"/>).
    /// Only the member themself is measured from it.</summary>
    public Task<GeoPoint?> HomeAsync(long? viewerId, CancellationToken ct = default) => DistanceOrigin.LoadAsync(db, viewerId, time.UtcNow(), ct);

    /// <summary>
    /// Which of these sensitive items <paramref name="viewerId"/> is already answering (a pending or accepted response):
    /// the only people besides the owner who may know how far a sensitive item is.
    /// </summary>
    private async Task<HashSet<long>> AnsweringAsync(List<long> sensitiveIds, long? viewerId, CancellationToken ct)
    {
        if (viewerId is not { } me || sensitiveIds.Count == 0)
        {
            return [];
        }
        return (await db.AidResponses.Where(r => r.ResponderId == me && sensitiveIds.Contains(r.ItemId)
                && (r.State == AidResponseState.Pending || r.State == AidResponseState.Accepted))
            .Select(r => r.ItemId).ToListAsync(ct)).ToHashSet();
    }

    private async Task<IReadOnlyList<AidListEntry>> EntriesAsync(List<(long Id, DistanceBand? Distance)> chosen, CancellationToken ct)
    {
        if (chosen.Count == 0)
        {
            return [];
        }
        var ids = chosen.Select(c => c.Id).ToList();
        var items = await db.AidItems.AsNoTracking().Where(i => ids.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var categoryIds = items.Values.Select(i => i.CategoryId).Distinct().ToList();
        var categories = await db.AidCategories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var ownerIds = items.Values.Select(i => i.AccountId).Distinct().ToList();
        var owners = await db.Accounts.AsNoTracking().Where(a => ownerIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        return chosen.Where(c => items.ContainsKey(c.Id)).Select(c =>
        {
            var item = items[c.Id];
            return new AidListEntry(item, categories[item.CategoryId], owners[item.AccountId], c.Distance);
        }).ToList();
    }
}
