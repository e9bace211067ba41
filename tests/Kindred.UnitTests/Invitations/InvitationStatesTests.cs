using Kindred.Core.Accounts;
using Kindred.Core.Invitations;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Invitations;

public sealed class InvitationStatesTests
{
    private static readonly DateTime Now = new(2026, 11, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData(null, null, 0, false, InvitationState.Active)]
    [InlineData(2, null, 1, false, InvitationState.Active)]
    [InlineData(2, null, 2, false, InvitationState.UsedUp)]
    [InlineData(null, -1, 0, false, InvitationState.Expired)]
    [InlineData(1, -1, 1, false, InvitationState.Expired)]
    [InlineData(1, -1, 1, true, InvitationState.Revoked)]
    [InlineData(null, 0, 0, false, InvitationState.Expired)]
    public void EachStateIsNamedInOrderRevokedExpiredUsedUp(int? maxUses, int? expiresInHours, int uses, bool revoked, InvitationState expected)
    {
        var invitation = new Invitation
        {
            Code = "abc",
            MaxUses = maxUses,
            Uses = uses,
            Revoked = revoked,
            ExpiresAt = expiresInHours is { } hours ? Now.AddHours(hours) : null,
        };
        Assert.Equal(expected, InvitationStates.Of(invitation, Now));
        // The state agrees with the entity's own usability check.
        Assert.Equal(expected == InvitationState.Active, invitation.IsUsable(Now));
    }

    [Fact]
    public void AnUnknownCodeHasItsOwnMessageAndEveryProblemSaysWhatToDo()
    {
        Assert.Equal(InvitationState.Unknown, InvitationStates.Of(null, Now));
        var messages = new[] { InvitationState.Expired, InvitationState.UsedUp, InvitationState.Revoked, InvitationState.Unknown }.Select(InvitationStates.Problem).ToList();
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.All(messages, m => Assert.Contains("invite", m, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("invitation", InvitationStates.Error(InvitationState.Expired).Field);
    }

    [Theory]
    [InlineData(UserRole.Member, true, true)]
    [InlineData(UserRole.Member, false, false)]
    [InlineData(UserRole.Moderator, false, true)]
    [InlineData(UserRole.Staff, false, true)]
    [InlineData(UserRole.Owner, false, true)]
    public void StaffAndModeratorsAlwaysInviteMembersWhenAllowed(UserRole role, bool membersMayInvite, bool mayInvite) =>
        Assert.Equal(mayInvite, Roles.CanInvite(role, membersMayInvite));

    [Theory]
    [InlineData(UserRole.Member, false)]
    [InlineData(UserRole.Moderator, false)]
    [InlineData(UserRole.Staff, true)]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.Owner, true)]
    public void OnlyStaffSeeTheReferralTree(UserRole role, bool sees) => Assert.Equal(sees, Roles.CanSeeReferrals(role));
}
