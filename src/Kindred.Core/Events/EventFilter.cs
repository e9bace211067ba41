using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// What someone looks for among upcoming events. Every part is optional; <see cref="EventQueries.UpcomingAsync"/> checks
/// the limits and says which part is wrong.
/// </summary>
/// <param name="From">Start of the window (occurrences still going on at that instant count); now when null.</param>
/// <param name="To">End of the window (occurrences starting before it); <see cref="EventQueries.DefaultWindowDays"/> after <paramref name="From"/> when null.</param>
/// <param name="GroupId">Only the events of this group.</param>
/// <param name="OrganizerId">Only the events this account organizes.</param>
/// <param name="NearMe">Around the viewer's own home area (their profile's coarse point).</param>
/// <param name="Point">Around this point instead; ignored when <paramref name="NearMe"/> is set.</param>
/// <param name="RadiusKm">The radius around the point; <see cref="EventQueries.DefaultRadiusKm"/> when null.</param>
/// <param name="Mode">Only events in person, or only online ones; both when null.</param>
/// <param name="GroupIds">Only the events of these groups (the digest's "your groups"; not on the wire).</param>
public sealed record EventFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    long? GroupId = null,
    long? OrganizerId = null,
    bool NearMe = false,
    GeoPoint? Point = null,
    int? RadiusKm = null,
    int Offset = 0,
    int Limit = EventQueries.DefaultLimit,
    EventMode? Mode = null,
    IReadOnlyCollection<long>? GroupIds = null);
