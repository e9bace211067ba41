namespace Kindred.Server.Mastodon.Models;

/// <summary>MediaAttachment (Mastodon docs: entities/MediaAttachment). Kindred processes uploads before answering, so
/// <see cref="Url"/> is never null.</summary>
public sealed class MastodonMediaAttachment
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Url { get; init; }
    public required string PreviewUrl { get; init; }
    public string? RemoteUrl { get; init; }
    public string? PreviewRemoteUrl { get; init; }
    public string? TextUrl { get; init; }
    public required MastodonMediaMeta Meta { get; init; }
    public string? Description { get; init; }
    public string? Blurhash { get; init; }
}
