namespace Kindred.Core.Tags;

/// <summary>How a hashtag was used on one UTC day: public statuses and their distinct authors (Mastodon's Tag history).</summary>
public sealed record TagDay(DateTime Day, int Uses, int Accounts);
