namespace Kindred.Data.Entities;

/// <summary>
/// What is left of an aid item of a deleted account (ADR 70): no author, no text, no place finer than the coarse area
/// name, only what the organization's figures (insights, ADR 57) count — kind, category, area, outcome and its times.
/// </summary>
public class ErasedAidItem
{
    public long Id { get; set; }
    public AidKind Kind { get; set; }
    public long CategoryId { get; set; }
    public string? AreaName { get; set; }
    public AidItemState State { get; set; }
    public bool Sensitive { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? FirstResponseAt { get; set; }
    public DateTime? EndedAt { get; set; }
}
