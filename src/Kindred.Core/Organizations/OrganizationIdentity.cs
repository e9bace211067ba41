namespace Kindred.Core.Organizations;

/// <summary>The organization's account as a staff member's "Post as" choice shows it (ADR 65).</summary>
public sealed record OrganizationIdentity(long AccountId, string Username);
