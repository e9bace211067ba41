namespace Kindred.Core.Setup;

public sealed record SetupRequest(
    string OrganizationName,
    string? Description,
    string DefaultLanguage,
    string? AreaName,
    string Username,
    string Email,
    string Password);
