using Kindred.Core.Jobs;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Events;

/// <summary>
/// An <see cref="Data.Entities.EventReminderSend"/> row is the claim that sends a reminder once (its primary key); it is
/// needed while <see cref="EventReminderService"/> could still pick its occurrence again (ADR 62). Reminders before the
/// start are only chosen, and retried, while the occurrence is in the future; follow-ups are chosen until
/// <see cref="EventRules.MaxDuration"/>, <c>FollowUpAfter</c> and <c>FollowUpWindow</c> after the start, and retried for
/// one more <c>FollowUpWindow</c>. Rows of occurrences older than all of that, plus a day, are deleted.
/// </summary>
public sealed class EventReminderSendRetention(KindredDbContext db, IOptions<EventRemindersOptions> options) : IRowRetention
{
    /// <summary>Kept past the last moment a row can matter, for a clock that moved or a run that was late.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    /// <summary>How long after an occurrence's start its rows can still prevent a second send.</summary>
    public TimeSpan Needed => EventRules.MaxDuration + Positive(options.Value.FollowUpAfter) + (2 * Positive(options.Value.FollowUpWindow)) + Margin;

    public Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct)
    {
        var before = now - Needed;
        return db.EventReminderSends.Where(s => s.OccurrenceStartsAt < before).ExecuteDeleteAsync(ct);
    }

    private static TimeSpan Positive(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.Zero;
}
