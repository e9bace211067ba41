using Kindred.Data.Entities;

namespace Kindred.Core.Invitations;

/// <summary>What the invitation page shows: the invitation and its state, who sent it, the group it leads into.</summary>
public sealed record InvitationLanding(
    Invitation? Invitation,
    InvitationState State,
    Account? Inviter,
    Group? Group,
    Organization? Organization);
