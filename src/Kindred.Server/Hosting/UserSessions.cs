using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Hosting;

/// <summary>The list of browsers a member is signed in on. The cookie carries the row's id; a cookie whose row is gone is refused.</summary>
public sealed class UserSessions(KindredDbContext db, AccountAccess access, TimeProvider time)
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

    public Task<int> EndAsync(long userId, long sessionId) =>
        db.UserSessions.Where(s => s.UserId == userId && s.Id == sessionId).ExecuteDeleteAsync();

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
        var db = context.HttpContext.RequestServices.GetRequiredService<KindredDbContext>();
        var lastSeen = await db.UserSessions.Where(s => s.Id == sessionId && s.UserId == userId).Select(s => (DateTime?)s.LastSeenAt).FirstOrDefaultAsync();
        if (lastSeen is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        var now = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        if (now - lastSeen > TouchInterval)
        {
            await db.UserSessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, now));
        }
        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
