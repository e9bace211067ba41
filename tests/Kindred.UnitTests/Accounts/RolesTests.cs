using Kindred.Core.Accounts;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Accounts;

/// <summary>The permission matrix: every role against every capability.</summary>
public sealed class RolesTests
{
    [Theory]
    [InlineData(UserRole.Member, false, false, false)]
    [InlineData(UserRole.Staff, false, false, true)]
    [InlineData(UserRole.Moderator, false, true, false)]
    [InlineData(UserRole.Admin, true, true, true)]
    [InlineData(UserRole.Owner, true, true, true)]
    public void EachRoleHasExactlyItsCapabilities(UserRole role, bool administer, bool moderate, bool staff)
    {
        Assert.Equal(administer, Roles.CanAdminister(role));
        Assert.Equal(moderate, Roles.CanModerate(role));
        Assert.Equal(staff, Roles.IsStaff(role));
    }

    [Theory]
    [InlineData(UserRole.Owner, UserRole.Member, UserRole.Owner, true)]
    [InlineData(UserRole.Owner, UserRole.Admin, UserRole.Member, true)]
    [InlineData(UserRole.Admin, UserRole.Member, UserRole.Moderator, true)]
    [InlineData(UserRole.Admin, UserRole.Staff, UserRole.Member, true)]
    [InlineData(UserRole.Admin, UserRole.Member, UserRole.Admin, false)]
    [InlineData(UserRole.Admin, UserRole.Admin, UserRole.Member, false)]
    [InlineData(UserRole.Admin, UserRole.Owner, UserRole.Member, false)]
    [InlineData(UserRole.Moderator, UserRole.Member, UserRole.Staff, false)]
    [InlineData(UserRole.Staff, UserRole.Member, UserRole.Staff, false)]
    [InlineData(UserRole.Member, UserRole.Member, UserRole.Moderator, false)]
    public void OnlyTheOwnerTouchesAdminsAndAdminsManageTheRest(UserRole actor, UserRole from, UserRole to, bool allowed) =>
        Assert.Equal(allowed, Roles.CanAssign(actor, from, to));

    /// <summary>Which role changes take something away, and so end every session and token (ADR 44).</summary>
    [Theory]
    [InlineData(UserRole.Member, UserRole.Staff, false)]
    [InlineData(UserRole.Member, UserRole.Owner, false)]
    [InlineData(UserRole.Staff, UserRole.Admin, false)]
    [InlineData(UserRole.Moderator, UserRole.Admin, false)]
    [InlineData(UserRole.Staff, UserRole.Member, true)]
    [InlineData(UserRole.Moderator, UserRole.Member, true)]
    [InlineData(UserRole.Staff, UserRole.Moderator, true)]
    [InlineData(UserRole.Moderator, UserRole.Staff, true)]
    [InlineData(UserRole.Admin, UserRole.Moderator, true)]
    [InlineData(UserRole.Owner, UserRole.Admin, true)]
    [InlineData(UserRole.Admin, UserRole.Admin, false)]
    public void ARoleChangeLosesSomethingWhenTheNewRoleCannotDoAllTheOldOneCould(UserRole from, UserRole to, bool loses) =>
        Assert.Equal(loses, Roles.Loses(from, to));

    [Theory]
    [InlineData(UserRole.Owner, UserRole.Admin, true)]
    [InlineData(UserRole.Owner, UserRole.Owner, false)]
    [InlineData(UserRole.Admin, UserRole.Moderator, true)]
    [InlineData(UserRole.Admin, UserRole.Admin, false)]
    [InlineData(UserRole.Moderator, UserRole.Member, true)]
    [InlineData(UserRole.Moderator, UserRole.Staff, true)]
    [InlineData(UserRole.Moderator, UserRole.Moderator, false)]
    [InlineData(UserRole.Staff, UserRole.Member, false)]
    [InlineData(UserRole.Member, UserRole.Member, false)]
    public void ModeratorsAndAboveSuspendMembersBelowThemAndNobodySuspendsAnOwner(UserRole actor, UserRole target, bool allowed) =>
        Assert.Equal(allowed, Roles.CanSuspend(actor, target));

    [Theory]
    [InlineData("member", UserRole.Member)]
    [InlineData("STAFF", UserRole.Staff)]
    [InlineData("Owner", UserRole.Owner)]
    public void RoleNamesParseWithoutRegardToCase(string name, UserRole expected)
    {
        Assert.True(Roles.TryParse(name, out var role));
        Assert.Equal(expected, role);
        Assert.Equal(name.ToLowerInvariant(), Roles.Name(role));
    }

    [Theory]
    [InlineData("emperor")]
    [InlineData("7")]
    [InlineData("")]
    [InlineData(null)]
    public void UnknownRoleNamesDoNotParse(string? name) => Assert.False(Roles.TryParse(name, out _));

    [Theory]
    [InlineData(ProfileVisibility.Public, null, true)]
    [InlineData(ProfileVisibility.Members, null, false)]
    [InlineData(ProfileVisibility.Members, 2L, true)]
    [InlineData(ProfileVisibility.OnlyMe, 2L, false)]
    [InlineData(ProfileVisibility.OnlyMe, 1L, true)]
    public void ProfileVisibilityFollowsTheViewer(ProfileVisibility visibility, long? viewer, bool sees) =>
        Assert.Equal(sees, ProfileVisibilityRules.CanSee(visibility, 1, viewer));
}
