namespace Kindred.Server.Mastodon.Models;

/// <summary>The Reaction entity (Mastodon docs: entities/Reaction) for a Unicode emoji: no url or static_url, which
/// only custom emoji have.</summary>
public sealed record MastodonAnnouncementReaction(string Name, int Count, bool Me);
