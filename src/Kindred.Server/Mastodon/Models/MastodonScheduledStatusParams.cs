namespace Kindred.Server.Mastodon.Models;

/// <summary>What a scheduled post will be published with, every key always present as on Mastodon.</summary>
public sealed class MastodonScheduledStatusParams
{
    public required string Text { get; init; }
    public MastodonScheduledPoll? Poll { get; init; }
    public IReadOnlyList<string>? MediaIds { get; init; }
    public bool? Sensitive { get; init; }
    public string? SpoilerText { get; init; }
    public required string Visibility { get; init; }
    public string? InReplyToId { get; init; }
    public string? Language { get; init; }
    public string? ApplicationId { get; init; }
    public string? ScheduledAt { get; init; }
    public string? Idempotency { get; init; }
    public bool? WithRateLimit { get; init; }
}
