namespace Kindred.Core.Accounts;

/// <summary>One app a staff member let act as the organization (ADR 65), as the owner's settings list it.</summary>
/// <param name="AppId">The OpenIddict application id, which the revoke button names.</param>
public sealed record OrganizationAppGrant(long StaffId, string StaffUsername, string AppId, string AppName, DateTime CreatedAt, DateTime? LastUsedAt);
