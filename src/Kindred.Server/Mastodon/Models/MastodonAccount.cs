using Kindred.Server.KindredApi.Models;
namespace Kindred.Server.Mastodon.Models;

/// <summary>The Account entity (Mastodon docs: entities/Account). Nullable keys are always written, as null.</summary>
public sealed class MastodonAccount
{
    public required string Id { get; init; }
    public required string Username { get; init; }
    public required string Acct { get; init; }
    public required string Url { get; init; }
    public required string Uri { get; init; }
    public required string DisplayName { get; init; }
    public required string Note { get; init; }
    public required string Avatar { get; init; }
    public required string AvatarStatic { get; init; }
    public required string Header { get; init; }
    public required string HeaderStatic { get; init; }
    public bool Locked { get; init; }
    public required IReadOnlyList<MastodonField> Fields { get; init; }
    public IReadOnlyList<object> Emojis { get; init; } = [];
    public bool Bot { get; init; }
    public bool Group { get; init; }
    public bool? Discoverable { get; init; }
    public bool Indexable { get; init; }
    public bool? HideCollections { get; init; }
    public bool Noindex { get; init; }
    public object? Moved { get; init; }
    public bool Suspended { get; init; }
    public bool Limited { get; init; }
    public required string CreatedAt { get; init; }
    public string? LastStatusAt { get; init; }
    public int StatusesCount { get; init; }
    public int FollowersCount { get; init; }
    public int FollowingCount { get; init; }
    public IReadOnlyList<MastodonRole> Roles { get; init; } = [];
    /// <summary>Kindred's profile additions, already filtered for the viewer.</summary>
    public required KindredProfile Kindred { get; init; }
    /// <summary>Only on verify_credentials and update_credentials.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public MastodonSource? Source { get; init; }
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public MastodonRole? Role { get; init; }
}
