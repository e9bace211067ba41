using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Common;

/// <summary>
/// Who is looking at aid items, with the two facts the aid rule needs beyond the account id, read once per request
/// rather than once per row (ADR 27).
/// </summary>
public sealed record AidViewer(long? AccountId, bool IsSafeguardingLead, bool IsVettedHelper)
{
    public static AidViewer Anonymous { get; } = new(null, false, false);

    public static async Task<AidViewer> LoadAsync(KindredDbContext db, Viewer viewer, CancellationToken ct = default)
    {
        if (viewer.AccountId is not { } id)
        {
            return Anonymous;
        }
        var lead = await db.Users.Active().AnyAsync(u => u.Id == id && u.IsSafeguardingLead, ct);
        var vetted = await db.VettedHelpers.AnyAsync(v => v.AccountId == id && v.RevokedAt == null, ct);
        return new AidViewer(id, lead, vetted);
    }
}
