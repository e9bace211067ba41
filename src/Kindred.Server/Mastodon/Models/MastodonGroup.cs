using Kindred.Server.KindredApi.Models;
namespace Kindred.Server.Mastodon.Models;

/// <summary>
/// The Group entity as Truth Social and Soapbox shape it (group_visibility "everyone" or "members_only",
/// membership_required, owner, slug, source, tags), with Kindred's own settings under <see cref="Kindred"/> (ADR 21).
/// </summary>
public sealed class MastodonGroup
{
    public required string Id { get; init; }
    public required string DisplayName { get; init; }
    public required string Slug { get; init; }

    /// <summary>The description as safe HTML.</summary>
    public required string Note { get; init; }
    public required MastodonGroupSource Source { get; init; }
    public required string Avatar { get; init; }
    public required string AvatarStatic { get; init; }
    public required string Header { get; init; }
    public required string HeaderStatic { get; init; }
    public required string CreatedAt { get; init; }
    public string? DeletedAt { get; init; }

    /// <summary>"everyone" for public groups, "members_only" for members-only and secret ones (Truth Social's values).</summary>
    public required string GroupVisibility { get; init; }

    /// <summary>"public" when anyone may read the group's posts, "members_only" when only its members may.</summary>
    public required string StatusesVisibility { get; init; }

    /// <summary>Whether only members read the posts (the group is not public).</summary>
    public bool MembershipRequired { get; init; }

    /// <summary>Whether joining needs an approval or an invitation.</summary>
    public bool Locked { get; init; }

    /// <summary>Whether the group may be listed in the directory (secret groups never are).</summary>
    public bool Discoverable { get; init; }
    public int MembersCount { get; init; }
    public MastodonGroupOwner? Owner { get; init; }
    public required IReadOnlyList<MastodonGroupTag> Tags { get; init; }
    public IReadOnlyList<object> Emojis { get; init; } = [];

    /// <summary>Empty: the group lives on this server.</summary>
    public string Domain { get; init; } = "";
    public required string Uri { get; init; }
    public required string Url { get; init; }
    public required KindredGroup Kindred { get; init; }
}
