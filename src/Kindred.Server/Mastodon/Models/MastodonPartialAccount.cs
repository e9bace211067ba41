namespace Kindred.Server.Mastodon.Models;

/// <summary>Mastodon's PartialAccountWithAvatar, for expand_accounts=partial_avatars.</summary>
public sealed class MastodonPartialAccount
{
    public required string Id { get; init; }
    public required string Acct { get; init; }
    public required string Url { get; init; }
    public required string Avatar { get; init; }
    public required string AvatarStatic { get; init; }
    public bool Locked { get; init; }
    public bool Bot { get; init; }
}
