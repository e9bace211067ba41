using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Staff;

/// <summary>
/// Who may use the staff console and the people pages (ADR 59). The console is for everyone with something to act on:
/// staff, admins and the owner, moderators (reports) and safeguarding leads (escalations); each sees only its parts.
/// The people pages are for staff, admins and the owner (<see cref="Roles.CanSeePeople"/>).
/// </summary>
public static class StaffAccess
{
    public static Task<StaffViewer?> LoadAsync(KindredDbContext db, long? viewerId, CancellationToken ct = default) =>
        viewerId is not { } id
            ? Task.FromResult<StaffViewer?>(null)
            : db.Users.AsNoTracking().Active().Where(u => u.Id == id)
                .Select(u => new StaffViewer(u.Id, u.Role, u.IsSafeguardingLead)).FirstOrDefaultAsync(ct);

    public static bool MayUseConsole(StaffViewer viewer) =>
        Roles.IsStaff(viewer.Role) || Roles.CanModerate(viewer.Role) || viewer.IsLead;

    public static async Task<StaffViewer> RequireConsoleAsync(KindredDbContext db, long? viewerId, CancellationToken ct = default)
    {
        // A viewer whose account is no longer active is refused like a member: the cookie may outlive the status.
        var viewer = await LoadAsync(db, viewerId, ct);
        return viewer is not null && MayUseConsole(viewer) ? viewer
            : throw KindredException.Forbidden("Only the organization's staff, moderators and safeguarding leads use the staff console.");
    }

    public static async Task<StaffViewer> RequirePeopleAsync(KindredDbContext db, long? viewerId, CancellationToken ct = default)
    {
        var viewer = await LoadAsync(db, viewerId, ct);
        return viewer is not null && Roles.CanSeePeople(viewer.Role) ? viewer : throw KindredException.Forbidden("Only the organization's staff see its people.");
    }
}
