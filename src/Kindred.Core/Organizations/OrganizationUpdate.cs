namespace Kindred.Core.Organizations;

/// <summary>Everything /admin/organization sets at once. Text fields are taken as given (empty clears the optional
/// ones); images are changed only when given, or removed with the Remove flags.</summary>
public sealed class OrganizationUpdate
{
    public string? Name { get; init; }
    public string? Description { get; init; }
    public string? LongDescription { get; init; }
    public string? DefaultLanguage { get; init; }
    public string? TimeZone { get; init; }
    public string? AreaName { get; init; }
    public string? RegistrationMode { get; init; }
    public string? AccentColor { get; init; }
    public string? LinkColor { get; init; }
    /// <summary>The rules, one a line, in order.</summary>
    public string? Rules { get; init; }
    public string? PrivacyPolicy { get; init; }
    public string? Terms { get; init; }
    public Stream? Logo { get; init; }
    public Stream? Banner { get; init; }
    public bool RemoveLogo { get; init; }
    public bool RemoveBanner { get; init; }
    /// <summary>Trends off (ADR 80); a form that leaves it out keeps them on, as they are by default.</summary>
    public bool TrendsOff { get; init; }
}
