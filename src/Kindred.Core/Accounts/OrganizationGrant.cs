using System.Security.Claims;

namespace Kindred.Core.Accounts;

/// <summary>
/// An app a staff member allowed to act as the organization (ADR 65). The grant is a claim in the app's tokens, whose
/// subject stays the staff member: every way the staff member's access ends (role loss, suspension, revoking the app,
/// ADR 44) ends the grant with it, and the API turns the claim into the organization's account on each request only
/// while the staff member may still act as it.
/// </summary>
public static class OrganizationGrant
{
    /// <summary>The claim in the token (and in its stored payload, which the settings pages read).</summary>
    public const string ClaimType = "kindred_as_org";

    public static bool IsGranted(ClaimsPrincipal principal) =>
        principal.FindFirst(ClaimType)?.Value == "true";
}
