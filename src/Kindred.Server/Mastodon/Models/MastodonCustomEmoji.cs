namespace Kindred.Server.Mastodon.Models;

/// <summary>The CustomEmoji entity (Mastodon docs: entities/CustomEmoji). The picture is re-encoded without animation, so
/// <see cref="StaticUrl"/> is the same file as <see cref="Url"/>.</summary>
public sealed record MastodonCustomEmoji(string Shortcode, string Url, string StaticUrl, bool VisibleInPicker, string? Category);
