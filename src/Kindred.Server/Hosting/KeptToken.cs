using System.Security.Claims;

namespace Kindred.Server.Hosting;

/// <summary>An access token's validated principal in the <see cref="CredentialCache"/>; <see cref="Active"/> is learnt by
/// the first request that asks whether the member is active, and ends with the entry.</summary>
public sealed class KeptToken(ClaimsPrincipal principal, long? userId, long stamp)
{
    public ClaimsPrincipal Principal => principal;
    public long? UserId => userId;
    public long Stamp => stamp;

    private volatile bool active;

    public bool Active
    {
        get => active;
        set => active = value;
    }
}
