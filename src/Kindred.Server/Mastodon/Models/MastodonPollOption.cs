namespace Kindred.Server.Mastodon.Models;

/// <summary>One option of a <see cref="MastodonPoll"/>; <see cref="VotesCount"/> is null while totals are hidden.</summary>
public sealed record MastodonPollOption(string Title, int? VotesCount);
