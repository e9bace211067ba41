namespace Kindred.Server.Mastodon.Models;

/// <summary>The Marker entity (Mastodon docs: entities/Marker).</summary>
public sealed record MastodonMarker(string LastReadId, int Version, string UpdatedAt);
