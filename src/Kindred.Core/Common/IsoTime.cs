using System.Globalization;

namespace Kindred.Core.Common;

/// <summary>
/// The one spelling of an instant to the second, UTC, for what people and other programs read outside the Mastodon
/// API (CSV files, ActivityStreams in the export, time elements and links on pages): "2026-12-07T15:04:05Z". The
/// Mastodon API's own, with milliseconds, is <c>Mastodon/MastodonTime</c> (ADR 53).
/// </summary>
public static class IsoTime
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static string Format(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString(Pattern, CultureInfo.InvariantCulture);

    public static bool TryParse(string? text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text ?? "", Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at);
}
