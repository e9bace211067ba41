namespace Kindred.Server.Mastodon.Models;

/// <summary>The meta of an image attachment: the sizes of both versions and the focal point.</summary>
public sealed record MastodonMediaMeta(MastodonMediaSize Original, MastodonMediaSize Small, MastodonMediaFocus Focus);
