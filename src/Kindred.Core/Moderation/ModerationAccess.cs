using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Moderation;

/// <summary>
/// Who may use the moderation console (ADR 67): active moderators, admins and the owner, with the role read from the
/// database rather than the cookie, so a role taken away or a suspension closes the console at the next request.
/// </summary>
public static class ModerationAccess
{
    public static async Task<ModeratorViewer> RequireAsync(KindredDbContext db, long? viewerId, CancellationToken ct = default)
    {
        var viewer = viewerId is { } id
            ? await db.Users.AsNoTracking().Active().Where(u => u.Id == id).Select(u => new ModeratorViewer(u.Id, u.Role)).FirstOrDefaultAsync(ct)
            : null;
        return viewer is not null && Roles.CanModerate(viewer.Role) ? viewer
            : throw KindredException.Forbidden("Only moderators, admins and the owner use the moderation console.");
    }

    /// <summary>Whether <paramref name="viewer"/> may act on an account with <paramref name="targetRole"/>: the suspension
    /// rule of <see cref="Roles.CanSuspend"/> for every action, so nobody warns or limits someone they could not suspend.</summary>
    public static bool MayActOn(ModeratorViewer viewer, UserRole targetRole) => Roles.CanSuspend(viewer.Role, targetRole);
}
