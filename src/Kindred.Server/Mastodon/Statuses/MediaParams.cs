using Kindred.Core.Common;
using Kindred.Core.Media;

namespace Kindred.Server.Mastodon.Statuses;

/// <summary>The media parameters of posting and editing: media_ids[] and media_attributes[][id|description|focus].</summary>
public static class MediaParams
{
    /// <returns>Null when the request has no media_ids at all (an edit then keeps the images it has).</returns>
    public static IReadOnlyList<long>? Ids(MastodonParams input)
    {
        if (!input.Has("media_ids"))
        {
            return null;
        }
        var values = input.List("media_ids").Where(v => v.Length > 0).ToList();
        // Anything past the limit is refused by the core with a message; reading more than that is pointless work.
        return values.Take(MediaLimits.MaxPerStatus + 1).Select(Id).ToList();
    }

    public static IReadOnlyList<MediaChange>? Changes(MastodonParams input)
    {
        var rows = input.Indexed("media_attributes");
        if (rows.Count == 0)
        {
            return null;
        }
        return rows.Take(MediaLimits.MaxPerStatus + 1)
            .Select(row => new MediaChange(
                Id(row.GetValueOrDefault("id") ?? ""),
                row.GetValueOrDefault("description"),
                row.GetValueOrDefault("focus")))
            .ToList();
    }

    private static long Id(string value) =>
        Core.Common.Ids.TryParse(value, out var id)
            ? id
            : throw KindredException.Invalid("media_ids", $"Invalid media: \"{(value.Length > 20 ? value[..20] : value)}\" is not a media id.");
}
