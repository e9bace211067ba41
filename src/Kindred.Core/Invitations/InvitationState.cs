namespace Kindred.Core.Invitations;

/// <summary>Whether an invitation still lets someone in, and if not, why not (each gets its own clear message).</summary>
public enum InvitationState
{
    Active,
    Expired,
    UsedUp,
    Revoked,
    Unknown,
}
