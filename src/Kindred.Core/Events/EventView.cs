using Kindred.Data.Entities;

namespace Kindred.Core.Events;

/// <summary>
/// One event (at one occurrence) as a viewer may see it. <see cref="Event"/> is a detached copy whose address and online
/// link are already blanked unless <see cref="SeesPrivateDetails"/>, so no renderer can leak them.
/// </summary>
/// <param name="OccurrenceStartsAt">The occurrence shown (the next one by default); null when the series is over.</param>
/// <param name="GoingCount">People going to that occurrence.</param>
/// <param name="WaitlistCount">People waiting for a place at that occurrence.</param>
/// <param name="MyResponse">The viewer's own answer for that occurrence.</param>
/// <param name="DistanceKm">From the point of a "near" search.</param>
/// <param name="WaitlistPosition">The viewer's place on the waiting list (1 is served first) when they are on it; only
/// <see cref="EventQueries.GetAsync"/> fills it.</param>
public sealed record EventView(
    Event Event,
    IReadOnlyList<string> Questions,
    DateTime? OccurrenceStartsAt,
    DateTime? OccurrenceEndsAt,
    int GoingCount,
    int WaitlistCount,
    RsvpResponse? MyResponse,
    bool CanManage,
    bool SeesPrivateDetails,
    double? DistanceKm = null,
    int? WaitlistPosition = null);
