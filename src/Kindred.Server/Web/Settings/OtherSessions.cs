using System.Security.Claims;
using Kindred.Server.Hosting;
using Kindred.Server.Web.Shared;

namespace Kindred.Server.Web.Settings;

/// <summary>
/// A new security stamp (password or two-factor change) already locks other browsers out at their next check;
/// removing their rows as well signs them out at once and keeps the session list truthful.
/// </summary>
public static class OtherSessions
{
    public static async Task EndAsync(UserSessions sessions, long userId, ClaimsPrincipal current)
    {
        var keep = Viewer.SessionId(current);
        foreach (var session in await sessions.ListAsync(userId))
        {
            if (session.Id != keep)
            {
                await sessions.EndAsync(userId, session.Id);
            }
        }
    }
}
