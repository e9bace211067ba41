using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Welcome;

/// <summary>The one write of the first week (ADR 91): putting the checklist away. Everything else the welcome page
/// offers goes through the features' own services (profile, tags, groups, follows).</summary>
public sealed class WelcomeService(KindredDbContext db, TimeProvider time)
{
    /// <summary>Hides the checklist for good; doing it twice changes nothing.</summary>
    public async Task DismissChecklistAsync(long accountId, CancellationToken ct = default)
    {
        var now = time.UtcNow();
        await db.Users.Where(u => u.Id == accountId && u.ChecklistDismissedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.ChecklistDismissedAt, now), ct);
    }
}
