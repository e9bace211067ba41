using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>
/// What a member writes when asking for or offering help. On create, nulls take defaults (the area comes from the
/// member's profile unless given); on update, a null leaves the value as it is.
/// </summary>
public sealed record AidInput
{
    public AidKind? Kind { get; init; }

    /// <summary>A category slug (childcare, shelter, …, or one an admin added).</summary>
    public string? Category { get; init; }
    public string? Title { get; init; }
    public string? Description { get; init; }

    /// <summary>An empty string removes the area name.</summary>
    public string? AreaName { get; init; }
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }

    /// <summary>Removes the coordinates: the item is then found by category and text only, never by distance.</summary>
    public bool ClearLocation { get; init; }
    public DateOnly? StartsOn { get; init; }
    public DateOnly? EndsOn { get; init; }

    /// <summary>See <see cref="AidItem.AvailabilityMask"/>.</summary>
    public int? AvailabilityMask { get; init; }
    public AidUrgency? Urgency { get; init; }
    public AidAudience? Audience { get; init; }
    public long? GroupId { get; init; }
    public AidAnswerPolicy? AnswerPolicy { get; init; }
    public bool? Sensitive { get; init; }

    /// <summary>How many days the item stays open; the default and the limits are in <see cref="AidRules"/>.</summary>
    public int? OpenForDays { get; init; }
}
