namespace Kindred.Server.Mastodon.Models;

/// <summary>The description as its admins wrote it, for editing.</summary>
public sealed record MastodonGroupSource(string Note);
