using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;

namespace Kindred.Core.Audit;

/// <summary>
/// Writes the audit log of staff actions (ADR 56). <see cref="Add"/> only adds the entry to the caller's unit of work:
/// the caller's own <c>SaveChangesAsync</c> stores it together with the change it describes, so there is never an
/// action without its entry nor an entry for an action that failed. Entries are never changed or removed.
/// </summary>
public sealed class AuditLog(KindredDbContext db, TimeProvider time)
{
    public const int MaxSummary = 500;
    public const int MaxValue = 20_000;

    /// <param name="actorId">The staff member's account; null for the command line.</param>
    /// <param name="action">One of <see cref="AuditActions"/>.</param>
    /// <param name="target">What was acted on, e.g. <see cref="AuditTarget.Account"/>.</param>
    /// <param name="summary">A short sentence for the people who read the log.</param>
    /// <param name="before">The value before the change, where it matters.</param>
    /// <param name="after">The value after it.</param>
    public AuditEntry Add(long? actorId, string action, AuditTarget? target, string summary, string? before = null, string? after = null)
    {
        var now = time.UtcNow();
        var entry = new AuditEntry
        {
            Id = Snowflake.NewId(now),
            At = now,
            ActorId = actorId,
            Action = action,
            TargetKind = target?.Kind,
            TargetId = target?.Id,
            Summary = Cut(summary, MaxSummary),
            Before = before is null ? null : Cut(before, MaxValue),
            After = after is null ? null : Cut(after, MaxValue),
        };
        db.AuditEntries.Add(entry);
        return entry;
    }

    private static string Cut(string value, int max) => value.Length <= max ? value : value[..(max - 1)] + "…";
}
