using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>Who may see the parts of a profile that a member can restrict.</summary>
public static class ProfileVisibilityRules
{
    /// <param name="viewerId">The signed-in viewer's account, or null for an anonymous visitor or app token.</param>
    public static bool CanSee(ProfileVisibility visibility, long ownerId, long? viewerId) => visibility switch
    {
        ProfileVisibility.Public => true,
        ProfileVisibility.Members => viewerId is not null,
        _ => viewerId == ownerId,
    };
}
