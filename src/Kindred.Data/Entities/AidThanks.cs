namespace Kindred.Data.Entities;

/// <summary>
/// A requester's thanks to the helper of an accepted response. Shown on the helper's profile only when both said yes.
/// </summary>
public class AidThanks
{
    /// <summary>The response thanked; one thanks per response.</summary>
    public long ResponseId { get; set; }
    public long FromAccountId { get; set; }
    public long ToAccountId { get; set; }
    public required string Text { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool SharedByGiver { get; set; }
    public bool SharedByReceiver { get; set; }
}
