namespace Kindred.Server.Mastodon.Models;

/// <summary>The poll of a scheduled post, as it was asked for (expires_in in seconds, as a string like Mastodon's).</summary>
public sealed record MastodonScheduledPoll(IReadOnlyList<string> Options, string? ExpiresIn, bool Multiple, bool HideTotals);
