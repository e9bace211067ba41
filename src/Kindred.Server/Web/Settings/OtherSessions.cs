using System.Security.Claims;
using Kindred.Core.Accounts;
using Kindred.Server.Web.Shared;

namespace Kindred.Server.Web.Settings;

/// <summary>
/// After a password or two-factor change: every other browser, every OAuth token and every open stream of the member
/// ends at once (ADR 44); the browser the member acted from stays signed in (the caller refreshed its cookie).
/// </summary>
public static class OtherSessions
{
    public static Task EndAsync(AccountAccess access, long userId, ClaimsPrincipal current, AccessEndReason reason) =>
        access.EndAllAsync(userId, reason, UserClaims.SessionId(current));
}
