namespace Kindred.Server.Mastodon.Models;

/// <summary>The focal point, each axis from -1 to 1.</summary>
public sealed record MastodonMediaFocus(double X, double Y);
