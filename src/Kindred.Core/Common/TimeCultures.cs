using System.Globalization;
using NodaTime.TimeZones;

namespace Kindred.Core.Common;

/// <summary>
/// Which English or French a reader gets for dates (ADR 84): the organization's region decides, and the region is the
/// country of the organization's time zone in the tz database (NodaTime's copy of zone.tab, already here through
/// Ical.Net). A charity in Toronto writes en-CA and fr-CA, one in Lyon en-GB and fr-FR.
/// </summary>
public static class TimeCultures
{
    private static readonly Lazy<Dictionary<string, string>> Countries = new(() =>
    {
        var source = TzdbDateTimeZoneSource.Default;
        var countries = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var location in source.ZoneLocations ?? [])
        {
            countries[location.ZoneId] = location.CountryCode;
        }
        // Aliases ("America/Montreal" for "America/Toronto") take their canonical zone's country.
        foreach (var (alias, canonical) in source.CanonicalIdMap)
        {
            if (!countries.ContainsKey(alias) && countries.TryGetValue(canonical, out var country))
            {
                countries[alias] = country;
            }
        }
        return countries;
    });

    /// <summary>The two-letter country of a zone, or null (UTC, "Etc/GMT+5", an id unknown to the tz database).</summary>
    public static string? Country(string? zoneId) =>
        zoneId is not null && Countries.Value.TryGetValue(zoneId, out var country) ? country : null;

    /// <summary>The culture for <paramref name="language"/> ("en", "fr") in the organization whose zone is
    /// <paramref name="organizationZoneId"/>: en-CA, en-US, en-AU, en-NZ, en-IE or else en-GB; fr-CA, fr-BE, fr-CH or else fr-FR.</summary>
    public static CultureInfo For(string language, string? organizationZoneId)
    {
        var country = Country(organizationZoneId);
        var name = language.StartsWith("fr", StringComparison.OrdinalIgnoreCase)
            ? country switch { "CA" => "fr-CA", "BE" => "fr-BE", "CH" => "fr-CH", _ => "fr-FR" }
            : country switch { "CA" => "en-CA", "US" => "en-US", "AU" => "en-AU", "NZ" => "en-NZ", "IE" => "en-IE", _ => "en-GB" };
        return CultureInfo.GetCultureInfo(name);
    }
}
