using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Core.Groups;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using CoreViewer = Kindred.Core.Common.Viewer;

namespace Kindred.Server.Web.Events;

/// <summary>
/// What the list, the calendar and the widgets share: the filters turned into an <see cref="EventFilter"/> (the group
/// named by its address, looked up through <see cref="GroupAccess"/>), and the names of the events' groups.
/// </summary>
public sealed class EventListing(KindredDbContext db, EventQueries queries)
{
    /// <summary>The filter for the core, or null when the group the query names is not one the viewer may see (nothing matches).</summary>
    public async Task<EventFilter?> FilterAsync(EventFilterState state, CoreViewer viewer, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        long? groupId = null;
        if (state.Group is { } slug)
        {
            groupId = await db.Groups.Where(g => g.Slug == slug).VisibleTo(db, viewer).Select(g => (long?)g.Id).FirstOrDefaultAsync(ct);
            if (groupId is null)
            {
                return null;
            }
        }
        return new EventFilter(From: from, To: to, GroupId: groupId, NearMe: state.NearMe, RadiusKm: state.NearMe ? state.Radius : null, Mode: state.Mode);
    }

    /// <summary>
    /// Up to <paramref name="count"/> occurrences from the core's offset <paramref name="offset"/> (the mode is part of
    /// the filter, so the core pages it); returns the offset to continue from, or null when there are no more.
    /// </summary>
    public async Task<(IReadOnlyList<EventView> Items, int? Next)> PageAsync(CoreViewer viewer, EventFilter filter, int offset, int count, CancellationToken ct = default)
    {
        var items = new List<EventView>();
        while (items.Count < count && offset <= EventQueries.MaxOffset)
        {
            var page = await queries.UpcomingAsync(viewer, filter with { Offset = offset, Limit = Math.Min(count - items.Count, EventQueries.MaxLimit) }, ct);
            items.AddRange(page.Items);
            offset += page.Items.Count;
            if (!page.HasMore || page.Items.Count == 0)
            {
                return (items, null);
            }
        }
        return (items, offset <= EventQueries.MaxOffset ? offset : null);
    }

    /// <summary>Every occurrence in the window (a calendar month), at most <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<EventView>> AllAsync(CoreViewer viewer, EventFilter filter, int max, CancellationToken ct = default) =>
        (await PageAsync(viewer, filter, 0, max, ct)).Items;

    /// <summary>The names of the events' groups, by id; the events are visible, so their groups are too.</summary>
    public async Task<IReadOnlyDictionary<long, string>> GroupNamesAsync(IEnumerable<EventView> views, CancellationToken ct = default)
    {
        var ids = views.Select(v => v.Event.GroupId).OfType<long>().Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<long, string>();
        }
        return await db.Groups.Where(g => ids.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);
    }

    /// <summary>The groups a member belongs to, for the group filter.</summary>
    public async Task<IReadOnlyList<GroupOption>> MyGroupsAsync(long? accountId, CancellationToken ct = default)
    {
        if (accountId is not { } id)
        {
            return [];
        }
        var rows = await db.GroupMemberships.Where(m => m.AccountId == id)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new GroupOption(g.Id, g.Name, g.Slug)).ToListAsync(ct);
        return rows.OrderBy(g => g.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Whether the member has a home area to measure distances from.</summary>
    public async Task<bool> HasHomeAsync(long? accountId, CancellationToken ct = default) => await queries.HomeAsync(accountId, ct) is not null;

    /// <summary>Core errors about the filters, in words for the page.</summary>
    public static bool IsFilterError(KindredException e) => e.Kind == ErrorKind.Invalid;
}
