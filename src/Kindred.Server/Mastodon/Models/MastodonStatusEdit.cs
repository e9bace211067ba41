namespace Kindred.Server.Mastodon.Models;

/// <summary>StatusEdit (Mastodon docs: entities/StatusEdit): one version of a status.</summary>
public sealed class MastodonStatusEdit
{
    public required string Content { get; init; }
    public required string SpoilerText { get; init; }
    public bool Sensitive { get; init; }
    public required string CreatedAt { get; init; }
    public required MastodonAccount Account { get; init; }
    public object? Poll { get; init; }
    public IReadOnlyList<MastodonMediaAttachment> MediaAttachments { get; init; } = [];
    public IReadOnlyList<object> Emojis { get; init; } = [];
}
