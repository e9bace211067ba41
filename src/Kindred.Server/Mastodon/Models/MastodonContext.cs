namespace Kindred.Server.Mastodon.Models;

/// <summary>Context (Mastodon docs: entities/Context).</summary>
public sealed record MastodonContext(IReadOnlyList<MastodonStatus> Ancestors, IReadOnlyList<MastodonStatus> Descendants);
