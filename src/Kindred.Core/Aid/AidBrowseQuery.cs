using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>
/// What /aid and the browse API ask for. Newest-first pages by id (<see cref="Page"/>, Mastodon's max_id/min_id); the
/// urgency and distance orders are ranked, so they page by <see cref="Offset"/> like the group directory (ADR 29).
/// </summary>
public sealed record AidBrowseQuery
{
    public AidKind? Kind { get; init; }

    /// <summary>A category slug.</summary>
    public string? Category { get; init; }

    /// <summary>At least this urgent (requests only, since offers have none).</summary>
    public AidUrgency? MinUrgency { get; init; }

    /// <summary>Null means the items still open or in progress.</summary>
    public AidItemState? State { get; init; }

    /// <summary>When true, every state.</summary>
    public bool AnyState { get; init; }

    /// <summary>Only items within <see cref="RadiusKm"/> of the viewer's coarse home area.</summary>
    public bool NearMe { get; init; }
    public int? RadiusKm { get; init; }
    public AidSort Sort { get; init; } = AidSort.Newest;
    public Page Page { get; init; } = new(null, null, null, AidQueries.DefaultLimit);
    public int Offset { get; init; }
}
