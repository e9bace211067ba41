namespace Kindred.Core.Common;

/// <summary>
/// The organization's settings as one process last read them (ADR 55); <see cref="Setup"/> is false before setup.
/// <see cref="LogoFile"/> is the organization account's picture (the logo, ADR 55) as a media file name, for the header
/// and the favicon (ADR 90).
/// </summary>
public sealed record OrganizationSnapshot(
    bool Setup,
    string Name,
    string Description,
    string LongDescription,
    string DefaultLanguage,
    string? AreaName,
    string ContactEmail,
    long? AccountId,
    string? TimeZoneId,
    RegistrationMode RegistrationMode,
    bool RegistrationModeStored,
    string? AccentColor,
    string? LinkColor,
    string PrivacyPolicy,
    string Terms,
    int Version,
    string? LogoFile = null)
{
    /// <summary>The organization's time zone (UTC when none is set or the id is unknown on this machine).</summary>
    public TimeZoneInfo TimeZone => TimeZones.Find(TimeZoneId);
}
