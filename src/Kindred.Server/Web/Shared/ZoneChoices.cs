namespace Kindred.Server.Web.Shared;

/// <summary>The time zones a member picks from (ADR 84): IANA names the server knows, without the legacy aliases, sorted
/// so one finds one's city under its region.</summary>
public static class ZoneChoices
{
    public static readonly IReadOnlyList<string> All = TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id)
        .Where(id => id.Contains('/', StringComparison.Ordinal) && !id.StartsWith("Etc/", StringComparison.Ordinal) && !id.StartsWith("SystemV/", StringComparison.Ordinal))
        .Order(StringComparer.Ordinal)
        .ToArray();
}
