namespace Kindred.Data.Entities;

/// <summary>
/// "I can help" / "I'd like this": one person's answer to an aid item, and the private conversation between them and the
/// item's owner (its <see cref="AidMessage"/>s). Aid conversations are kept apart from direct messages so a safeguarding
/// lead can review one that was escalated without ever reading ordinary private messages (ADR 27).
/// </summary>
public class AidResponse
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public long ResponderId { get; set; }
    public AidResponseState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DecidedAt { get; set; }
    public DateTime LastMessageAt { get; set; }
    /// <summary>Set by "I feel unsafe": no more messages until a safeguarding lead reviews the escalation.</summary>
    public DateTime? PausedAt { get; set; }
}
