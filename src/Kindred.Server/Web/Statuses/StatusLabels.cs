using Kindred.Data.Entities;
using Microsoft.Extensions.Localization;

namespace Kindred.Server.Web.Statuses;

/// <summary>Words for who may read a post, spelled out so the resource files list every one of them.</summary>
public static class StatusLabels
{
    public static string Visibility(IStringLocalizer t, Audience audience) => audience switch
    {
        Audience.Public => t["Public"],
        Audience.Unlisted => t["Unlisted"],
        Audience.Members => t["Members only"],
        Audience.Private => t["Followers only"],
        _ => t["Direct"],
    };

    /// <summary>The form value of each audience, in the order the composer offers them.</summary>
    public static readonly IReadOnlyList<(string Value, Audience Audience)> Choices =
    [
        ("members_only", Audience.Members),
        ("public", Audience.Public),
        ("unlisted", Audience.Unlisted),
        ("private", Audience.Private),
        ("direct", Audience.Direct),
    ];

    public static string Value(Audience audience) => Choices.First(c => c.Audience == audience).Value;

    public static Audience? Parse(string? value) => Choices.FirstOrDefault(c => c.Value == value) is { Value: not null } c ? c.Audience : null;

    public static string Name(Kindred.Data.Entities.Account account) => string.IsNullOrWhiteSpace(account.DisplayName) ? account.Username : account.DisplayName;

    public static string Avatar(Kindred.Data.Entities.Account account) => account.AvatarFile is null ? "/img/avatar.png" : "/media/" + account.AvatarFile;
}
