using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Safety;

/// <summary>
/// The leads' queue of "I feel unsafe" escalations about conversations and profiles (ADR 75). Only current safeguarding
/// leads read it, and through it only what was escalated: before an escalation, a lead reaches a private conversation
/// no more than anyone else.
/// </summary>
public sealed class SafetyQueries(KindredDbContext db)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;
    public const int MaxStatuses = 200;
    public const int MaxInteractions = 40;

    public async Task<IReadOnlyList<SafetyEscalation>> QueueAsync(long leadId, bool open, Page page, CancellationToken ct = default)
    {
        await AidEscalationQueries.RequireLeadAsync(db, leadId, ct);
        var rows = db.SafetyEscalations.AsNoTracking();
        if (open)
        {
            rows = rows.Where(e => e.ReviewedAt == null);
        }
        return await rows.PageAsync(page, e => e.Id, MaxLimit, ct);
    }

    public async Task<SafetyCase> GetAsync(long leadId, long escalationId, CancellationToken ct = default)
    {
        await AidEscalationQueries.RequireLeadAsync(db, leadId, ct);
        var escalation = await db.SafetyEscalations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == escalationId, ct) ?? throw KindredException.NotFound();
        var paused = await db.ContactPauses.AsNoTracking().Where(p => p.EscalationId == escalationId).Select(p => p.PausedAccountId).ToListAsync(ct);
        // What the member could read, never more: a participant added late saw only what was addressed to them.
        var raiser = Viewer.Member(escalation.RaisedById);
        List<Status> statuses;
        if (escalation.ConversationId is { } conversationId)
        {
            var ids = db.ConversationStatuses.Where(c => c.ConversationId == conversationId).Select(c => c.StatusId);
            statuses = await StatusDetails.WithDetails(db.Statuses.AsNoTracking().VisibleTo(db, raiser))
                .Where(s => ids.Contains(s.Id)).OrderByDescending(s => s.Id).Take(MaxStatuses).ToListAsync(ct);
        }
        else if (escalation.AccountId is { } other)
        {
            // Replies and mentions between the two, outside private messages (those need an escalation of their own).
            var me = escalation.RaisedById;
            var mentions = db.StatusMentions;
            statuses = await StatusDetails.WithDetails(db.Statuses.AsNoTracking().VisibleTo(db, raiser))
                .Where(s => s.Visibility != Audience.Direct && s.ReblogOfId == null)
                .Where(s => (s.AccountId == other && (s.InReplyToAccountId == me || mentions.Any(m => m.StatusId == s.Id && m.AccountId == me)))
                    || (s.AccountId == me && (s.InReplyToAccountId == other || mentions.Any(m => m.StatusId == s.Id && m.AccountId == other))))
                .OrderByDescending(s => s.Id).Take(MaxInteractions).ToListAsync(ct);
        }
        else
        {
            statuses = [];
        }
        statuses.Reverse();
        var accountIds = paused.Append(escalation.RaisedById).Concat(escalation.AccountId is { } a ? [a] : [])
            .Concat(escalation.ReviewedById is { } r ? [r] : []).Concat(statuses.Select(s => s.AccountId)).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Where(x => accountIds.Contains(x.Id)).ToDictionaryAsync(x => x.Id, ct);
        return new SafetyCase(escalation, accounts, paused, statuses);
    }

    /// <summary>Whether <paramref name="accountId"/> has paused contact from <paramref name="otherId"/> (for the member's own pages).</summary>
    public Task<bool> HasPausedAsync(long accountId, long otherId, CancellationToken ct = default) =>
        db.ContactPauses.AnyAsync(p => p.AccountId == accountId && p.PausedAccountId == otherId, ct);
}
