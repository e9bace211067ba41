namespace Kindred.Data.Entities;

/// <summary><see cref="AccountId"/> stops seeing <see cref="TargetAccountId"/> in feeds, without the target knowing.</summary>
public class Mute
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long TargetAccountId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Null for a mute without end; once past, the mute no longer counts (and is removed when next touched).</summary>
    public DateTime? ExpiresAt { get; set; }
    /// <summary>Whether notifications from the target are hidden too.</summary>
    public bool HideNotifications { get; set; } = true;
}
