using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Groups;

/// <summary>Words for the groups' enum values, spelled out so the resource files list every one of them.</summary>
public static class GroupLabels
{
    public static string Kind(IStringLocalizer t, GroupKind kind) => kind switch
    {
        GroupKind.Place => t["Local group"],
        GroupKind.Both => t["Local interest group"],
        _ => t["Interest group"],
    };

    public static string Visibility(IStringLocalizer t, GroupVisibility visibility) => visibility switch
    {
        GroupVisibility.Members => t["Visible to members of this server"],
        GroupVisibility.Secret => t["Secret: only its members know it exists"],
        _ => t["Public: anyone can see it"],
    };

    public static string JoinPolicy(IStringLocalizer t, GroupJoinPolicy policy) => policy switch
    {
        GroupJoinPolicy.Approval => t["Moderators approve each request to join"],
        GroupJoinPolicy.InviteOnly => t["By invitation only"],
        _ => t["Anyone who can see it may join"],
    };

    public static string Role(IStringLocalizer t, GroupRole role) => role switch
    {
        GroupRole.Owner => t["Owner"],
        GroupRole.Admin => t["Administrator"],
        GroupRole.Moderator => t["Moderator"],
        _ => t["Member"],
    };
}
