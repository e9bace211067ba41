using Kindred.Core.Jobs;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Digests;

/// <summary>
/// <see cref="Data.Entities.DigestSend"/> rows prevent nothing: the claim that sends a digest once is the member's
/// schedule (<c>DigestDueAt</c>, <c>DigestSentThrough</c>). They are the operator's record of what went out and why a mail
/// failed, kept for <see cref="Keep"/> and then deleted (ADR 62).
/// </summary>
public sealed class DigestSendRetention(KindredDbContext db) : IRowRetention
{
    /// <summary>Long enough to look into a complaint about a digest from the last few months.</summary>
    public static readonly TimeSpan Keep = TimeSpan.FromDays(90);

    public Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        var before = now - Keep;
        return db.DigestSends.Where(d => d.PeriodEnd < before).ExecuteDeleteAsync(ct);
    }
}
