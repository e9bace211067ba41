using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Deletion;

/// <summary>
/// Erases an account whose grace period is over (ADR 70). Does nothing when the deletion was cancelled or moved later,
/// or when the account is already gone: a run killed half-way is finished by the retry, and a second run is harmless.
/// </summary>
public sealed class AccountDeletionJob(KindredDbContext db, AccountEraser eraser, TimeProvider time) : IJobHandler
{
    public const string Kind = "account.delete";

    string IJobHandler.Kind => Kind;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var payload = JobQueue.Read<AccountDeletionPayload>(job);
        var due = await db.Users.AsNoTracking().Where(u => u.Id == payload.UserId).Select(u => new { u.DeletionDueAt }).FirstOrDefaultAsync(ct);
        if (due?.DeletionDueAt is not { } at || at > time.UtcNow())
        {
            return 0;
        }
        await eraser.EraseAsync(payload.UserId, ct);
        return 1;
    }
}
