namespace Kindred.Data.Entities;

/// <summary>
/// "I feel unsafe" about a direct-message conversation (<see cref="ConversationId"/>) or about a person's profile
/// (<see cref="AccountId"/>), the sibling of <see cref="AidEscalation"/> (ADR 75). Contact from the other people stays
/// paused (<see cref="ContactPause"/>) until a safeguarding lead decides.
/// </summary>
public class SafetyEscalation
{
    public long Id { get; set; }
    public long RaisedById { get; set; }

    /// <summary>The conversation the member felt unsafe in; the one thing a lead may read because of it.</summary>
    public long? ConversationId { get; set; }

    /// <summary>The person whose profile the member felt unsafe about.</summary>
    public long? AccountId { get; set; }
    public string Reason { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public long? ReviewedById { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public SafetyDecision? Decision { get; set; }
    public string ReviewNote { get; set; } = "";
}
