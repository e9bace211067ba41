namespace Kindred.Data.Entities;

/// <summary>
/// A request for help or an offer of it (ADR 27). Its location is coarse by construction (rounded like every stored
/// location, never an address). Who may see it is decided by Kindred.Core.Common.AidVisibility alone.
/// </summary>
public class AidItem
{
    public long Id { get; set; }
    public AidKind Kind { get; set; }
    public long AccountId { get; set; }
    public long CategoryId { get; set; }
    public required string Title { get; set; }
    /// <summary>As written (Markdown subset).</summary>
    public string Description { get; set; } = "";
    /// <summary>Rendered and sanitized when written.</summary>
    public string DescriptionHtml { get; set; } = "";
    /// <summary>Title and description folded for search (lower case, no accents, ligatures spelled out), kept by
    /// AidService; empty only on rows written before it existed, which the server fills on start.</summary>
    public string SearchText { get; set; } = "";
    public string? AreaName { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    /// <summary>The first day help is needed or offered (a date in the owner's time zone); null means from now.</summary>
    public DateOnly? StartsOn { get; set; }
    /// <summary>The last day; null means open-ended.</summary>
    public DateOnly? EndsOn { get; set; }
    /// <summary>
    /// Recurring availability as a weekly mask: bit (day × 3 + part) for day 0 = Monday … 6 = Sunday and part 0 = morning,
    /// 1 = afternoon, 2 = evening. Zero means any time. See Kindred.Core.Aid.Availability.
    /// </summary>
    public int AvailabilityMask { get; set; }
    /// <summary>Requests only.</summary>
    public AidUrgency Urgency { get; set; } = AidUrgency.Normal;
    public AidAudience Audience { get; set; }
    /// <summary>The group when <see cref="Audience"/> is <see cref="AidAudience.Group"/>.</summary>
    public long? GroupId { get; set; }
    public AidAnswerPolicy AnswerPolicy { get; set; }
    /// <summary>Sensitive items are seen only by their audience and safeguarding leads, and every view is audited.</summary>
    public bool Sensitive { get; set; }
    public AidItemState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>When the item stops being open by itself; the expiry job sets <see cref="AidItemState.Expired"/>.</summary>
    public DateTime ExpiresAt { get; set; }
    /// <summary>When the owner was told it closes soon; set once so the nudge never goes twice.</summary>
    public DateTime? ClosingSoonSentAt { get; set; }
    /// <summary>The first response from someone else (for the figures: time to first response).</summary>
    public DateTime? FirstResponseAt { get; set; }
    /// <summary>When the item left Open/InProgress (fulfilled, closed or expired).</summary>
    public DateTime? EndedAt { get; set; }
    /// <summary>When matching ran for the item, so a restart does not notify the same helpers again.</summary>
    public DateTime? MatchedAt { get; set; }
}
