using Kindred.Core.Common;
using Kindred.Core.Events;
using Microsoft.Extensions.Localization;
using CoreViewer = Kindred.Core.Common.Viewer;

namespace Kindred.Server.Web.Events;

/// <summary>
/// What the list, the calendar and the widgets share: the filters turned into an <see cref="EventFilter"/> (the group
/// named by its address, looked up through <see cref="GroupAccess"/> by <see cref="EventQueries"/>), and paging.
/// </summary>
public sealed class EventListing(EventQueries queries)
{
    /// <summary>The filter for the core, or null when the group the query names is not one the viewer may see (nothing matches).</summary>
    public async Task<EventFilter?> FilterAsync(EventFilterState state, CoreViewer viewer, DateTimeOffset? from = null, DateTimeOffset? to = null, CancellationToken ct = default)
    {
        long? groupId = null;
        if (state.Group is { } slug)
        {
            groupId = await queries.VisibleGroupIdAsync(slug, viewer, ct);
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

    /// <summary>The names of the events' groups, by id.</summary>
    public Task<IReadOnlyDictionary<long, string>> GroupNamesAsync(IEnumerable<EventView> views, CancellationToken ct = default) =>
        queries.GroupNamesAsync(views, ct);

    /// <summary>The groups a member belongs to, for the group filter.</summary>
    public async Task<IReadOnlyList<GroupOption>> MyGroupsAsync(long? accountId, CancellationToken ct = default) =>
        accountId is { } id ? await queries.MemberGroupsAsync(id, ct) : [];

    /// <summary>Whether the member has a home area to measure distances from.</summary>
    public async Task<bool> HasHomeAsync(long? accountId, CancellationToken ct = default) => await queries.HomeAsync(accountId, ct) is not null;

    /// <summary>A filter the core could not read, in words for the page; <paramref name="otherwise"/> for the address's own paging or month.</summary>
    public static string Explain(IStringLocalizer<Text> t, KindredException e, string otherwise) => e.Field switch
    {
        "radius" or "radius_km" => t["Choose a distance between {0} and {1} km.", EventQueries.MinRadiusKm, EventQueries.MaxRadiusKm],
        "near" => t["Add a home area to your profile to find events near you."],
        _ => otherwise,
    };
}
