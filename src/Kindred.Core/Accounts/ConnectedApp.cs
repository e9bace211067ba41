namespace Kindred.Core.Accounts;

/// <summary>One app a member authorized, as the Connected apps page lists it (ADR 44).</summary>
/// <param name="Id">The OpenIddict application id, which the revoke button names.</param>
/// <param name="CreatedAt">When the oldest of its working tokens was issued.</param>
/// <param name="LastUsedAt">Null when none of its tokens has been used since it was issued.</param>
public sealed record ConnectedApp(string Id, string Name, IReadOnlyList<string> Scopes, DateTime CreatedAt, DateTime? LastUsedAt)
{
    /// <summary>A staff member let the app act as the organization's account (ADR 65).</summary>
    public bool AsOrganization { get; init; }
}
