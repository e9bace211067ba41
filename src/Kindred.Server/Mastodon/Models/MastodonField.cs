namespace Kindred.Server.Mastodon.Models;

public sealed record MastodonField(string Name, string Value, string? VerifiedAt);
