using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Server.Mastodon.Accounts;

/// <summary>
/// The digest settings (ADR 25) on update_credentials, beside Mastodon's parameters like the other Kindred profile
/// additions: <c>digest_frequency</c> (daily, weekly, off) and <c>time_zone</c> (an IANA id, empty to clear), or their
/// nested <c>kindred[…]</c> forms. Read and checked before anything is saved, so a bad value changes nothing.
/// </summary>
public sealed record DigestParams(DigestFrequency? Frequency, bool SetsTimeZone, string? TimeZone)
{
    public bool Any => Frequency is not null || SetsTimeZone;

    public static DigestParams Read(MastodonParams input)
    {
        var frequency = (input.Value("digest_frequency", 20) ?? input.Value("kindred[digest_frequency]", 20)) switch
        {
            null or "" => (DigestFrequency?)null,
            "daily" => DigestFrequency.Daily,
            "weekly" => DigestFrequency.Weekly,
            "off" => DigestFrequency.Off,
            _ => throw KindredException.Invalid("digest_frequency", "digest_frequency must be daily, weekly or off."),
        };
        var key = input.Has("time_zone") ? "time_zone" : input.Has("kindred[time_zone]") ? "kindred[time_zone]" : null;
        var zone = key is null ? null : input.Value(key, 100)?.Trim();
        if (!string.IsNullOrEmpty(zone) && (zone.Length > 64 || !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)))
        {
            throw KindredException.Invalid("time_zone", "time_zone must be an IANA time zone such as Europe/Paris.");
        }
        return new DigestParams(frequency, key is not null, string.IsNullOrEmpty(zone) ? null : zone);
    }
}
