namespace Kindred.Server.Mastodon.Models;

/// <summary>One version's dimensions, as Mastodon writes them ("640x480" and width ÷ height).</summary>
public sealed record MastodonMediaSize(int Width, int Height, string Size, double Aspect)
{
    public static MastodonMediaSize Of(int width, int height) =>
        new(width, height, $"{width}x{height}", height == 0 ? 0 : (double)width / height);
}
