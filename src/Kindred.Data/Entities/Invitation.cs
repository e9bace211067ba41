namespace Kindred.Data.Entities;

/// <summary>An invitation code: a way in when registrations are by invitation, and the memory of who brought whom.</summary>
public class Invitation
{
    public long Id { get; set; }
    public required string Code { get; set; }
    public long? CreatedById { get; set; }
    public string? Email { get; set; }

    /// <summary>What staff wrote for themselves about the invitation; never shown to the person invited.</summary>
    public string Note { get; set; } = "";

    /// <summary>The inviter's words to the person invited, shown on the invitation page and in the e-mail.</summary>
    public string Message { get; set; } = "";
    public int? MaxUses { get; set; }
    public int Uses { get; set; }
    public DateTime? ExpiresAt { get; set; }
    public DateTime CreatedAt { get; set; }
    public bool Revoked { get; set; }

    /// <summary>The group whoever signs up (or accepts) with this invitation joins, bypassing its join policy.</summary>
    public long? GroupId { get; set; }

    public bool IsUsable(DateTime now) =>
        !Revoked && (ExpiresAt is null || ExpiresAt > now) && (MaxUses is null || Uses < MaxUses);
}
