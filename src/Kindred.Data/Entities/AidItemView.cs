namespace Kindred.Data.Entities;

/// <summary>The audit trail of sensitive items: who opened one, when, and through which door (web or API).</summary>
public class AidItemView
{
    public long Id { get; set; }
    public long ItemId { get; set; }
    public long ViewerId { get; set; }
    public DateTime ViewedAt { get; set; }
    /// <summary>"web" or "api".</summary>
    public string Via { get; set; } = "web";
}
