using System.Security.Claims;
using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;

namespace Kindred.Server.Web.Shared;

/// <summary>What the sign-in cookie (or an API token) says about who is asking: read from the claims, never from the
/// database. Core's <c>Viewer</c> is the reader that the visibility rules take.</summary>
public static class UserClaims
{
    /// <summary>The signed-in member's user (and account) id, or null for a visitor.</summary>
    public static long? Id(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true ? Ids.Parse(user.FindFirst("sub")?.Value) : null;

    public static UserRole? Role(ClaimsPrincipal? user) =>
        Roles.TryParse(user?.FindFirst(Roles.ClaimType)?.Value, out var role) ? role : null;

    /// <summary>The row in the session list that this browser's cookie belongs to.</summary>
    public static long? SessionId(ClaimsPrincipal? user) =>
        Ids.Parse(user?.FindFirst(UserSessions.ClaimType)?.Value);
}
