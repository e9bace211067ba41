using System.Globalization;

namespace Kindred.Server.Mastodon;

/// <summary>The one wire format for times in the API: UTC with milliseconds and a Z, as Mastodon writes them
/// ("2019-12-08T03:48:33.901Z", https://docs.joinmastodon.org/api/datetime-format/).</summary>
public static class MastodonTime
{
    public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Format(DateTime? utc) => utc is { } at ? Format(at) : null;
}
