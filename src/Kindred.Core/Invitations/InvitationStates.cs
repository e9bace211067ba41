using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Invitations;

/// <summary>The one place that says what state an invitation is in and what a newcomer is told about it.</summary>
public static class InvitationStates
{
    public static InvitationState Of(Invitation? invitation, DateTime now) => invitation switch
    {
        null => InvitationState.Unknown,
        { Revoked: true } => InvitationState.Revoked,
        { ExpiresAt: { } expires } when expires <= now => InvitationState.Expired,
        { MaxUses: { } max } when invitation.Uses >= max => InvitationState.UsedUp,
        _ => InvitationState.Active,
    };

    /// <summary>The wire name (API "state").</summary>
    public static string Name(InvitationState state) => state switch
    {
        InvitationState.Expired => "expired",
        InvitationState.UsedUp => "used_up",
        InvitationState.Revoked => "revoked",
        InvitationState.Unknown => "unknown",
        _ => "active",
    };

    /// <summary>What someone holding an invitation that no longer works is told (English; the web pages translate it).</summary>
    public static string Problem(InvitationState state) => state switch
    {
        InvitationState.Expired => "This invitation has expired. Ask the person who invited you for a new one.",
        InvitationState.UsedUp => "This invitation has been used as many times as it allows. Ask the person who invited you for a new one.",
        InvitationState.Revoked => "This invitation was withdrawn. Ask the person who invited you for a new one.",
        _ => "There is no invitation with this code. Check the link or ask the person who invited you.",
    };

    public static KindredException Error(InvitationState state) => KindredException.Invalid("invitation", Problem(state));
}
