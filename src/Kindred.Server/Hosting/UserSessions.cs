using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Hosting;

/// <summary>The list of browsers a member is signed in on. The cookie carries the row's id; a cookie whose row is gone is
/// refused. A row once read is kept in the <see cref="CredentialCache"/> until an ending of the member's access is heard
/// (ADR 89), so a page does not read it again.</summary>
public sealed class UserSessions(KindredDbContext db, AccountAccess access, IStreamHub hub, TimeProvider time)
{
    public const string ClaimType = "kindred:sid";
    private static readonly TimeSpan TouchInterval = TimeSpan.FromMinutes(5);

    public async Task<long> StartAsync(long userId, HttpContext context)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        var session = new UserSession
        {
            Id = Snowflake.NewId(now),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            UserAgent = userAgent.Length > 300 ? userAgent[..300] : userAgent,
            IpAddress = context.Connection.RemoteIpAddress?.ToString() ?? "",
        };
        db.UserSessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    public async Task<IReadOnlyList<UserSession>> ListAsync(long userId) =>
        await db.UserSessions.AsNoTracking().Where(s => s.UserId == userId).OrderByDescending(s => s.LastSeenAt).ToListAsync();

    /// <summary>Signs one browser out. A bulk delete bypasses the change tracker, so the ending is published here, after it
    /// is written: kept credentials (ADR 89) and open streams (ADR 44) of the member hear it at once.</summary>
    public async Task<int> EndAsync(long userId, long sessionId)
    {
        var ended = await db.UserSessions.Where(s => s.UserId == userId && s.Id == sessionId).ExecuteDeleteAsync();
        if (ended > 0)
        {
            hub.Publish(StreamEvent.AccessChanged(userId));
        }
        return ended;
    }

    /// <summary>Ends every browser session, every OAuth token and open stream (ADR 44) and, through a new security
    /// stamp, every other cookie too.</summary>
    public async Task EndAllAsync(User user, UserManager<User> users, AccessEndReason reason)
    {
        await access.EndAllAsync(user.Id, reason);
        await users.UpdateSecurityStampAsync(user);
    }

    public static async Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var sid = context.Principal?.FindFirst(ClaimType)?.Value;
        var sub = context.Principal?.FindFirst("sub")?.Value;
        if (!Ids.TryParse(sid, out var sessionId) || !Ids.TryParse(sub, out var userId))
        {
            context.RejectPrincipal();
            return;
        }
        var services = context.HttpContext.RequestServices;
        var kept = services.GetRequiredService<CredentialCache>();
        var db = services.GetRequiredService<KindredDbContext>();
        var lastSeen = kept.SessionSeen(sessionId, userId);
        if (lastSeen is null)
        {
            var stamp = kept.Stamp();
            lastSeen = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId).Select(s => (DateTime?)s.LastSeenAt).FirstOrDefaultAsync();
            if (lastSeen is { } seen)
            {
                kept.KeepSession(sessionId, userId, seen, stamp);
            }
        }
        if (lastSeen is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (now - lastSeen > TouchInterval)
        {
            var stamp = kept.Stamp();
            if (await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now)) == 1)
            {
                kept.KeepSession(sessionId, userId, now, stamp);
            }
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
