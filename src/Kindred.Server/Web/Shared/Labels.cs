using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Shared;

/// <summary>Words for enum values, spelled out so the resource files list every one of them.</summary>
public static class Labels
{
    public static string Role(IStringLocalizer t, UserRole role) => role switch
    {
        UserRole.Owner => t["Owner"],
        UserRole.Admin => t["Administrator"],
        UserRole.Moderator => t["Moderator"],
        UserRole.Staff => t["Staff"],
        _ => t["Member"],
    };

    public static string Status(IStringLocalizer t, UserStatus status) => status switch
    {
        UserStatus.Pending => t["Waiting for approval"],
        UserStatus.Rejected => t["Rejected"],
        UserStatus.Disabled => t["Disabled"],
        _ => t["Active"],
    };

    public static string Visibility(IStringLocalizer t, ProfileVisibility visibility) => visibility switch
    {
        ProfileVisibility.Public => t["Everyone"],
        ProfileVisibility.Members => t["Members of this community"],
        _ => t["Only me"],
    };

    public static string DirectMessages(IStringLocalizer t, DirectMessagePolicy policy) => policy switch
    {
        DirectMessagePolicy.Following => t["Only people I follow"],
        DirectMessagePolicy.Nobody => t["Nobody"],
        _ => t["Any member"],
    };

    public static string Mentions(IStringLocalizer t, MentionPolicy policy) => policy switch
    {
        MentionPolicy.Following => t["Only people I follow"],
        MentionPolicy.Nobody => t["Nobody but the organization, moderators and safeguarding leads"],
        _ => t["Any member"],
    };
}
