using Kindred.Core.Accounts;
using Kindred.Core.Aid;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Core.Reports;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Safety;

/// <summary>
/// "I feel unsafe" on a private conversation or a profile (ADR 75), the same promise as in aid conversations (ADR 30):
/// contact from the other people is paused at once, every safeguarding lead is told by notification and e-mail in the
/// same SaveChanges, and a lead decides — resolve (contact may resume), keep paused, or refer to the moderators.
/// </summary>
public sealed class SafetyService(KindredDbContext db, AuditLog audit, SafeguardingAlerts alerts, ReportService reports,
    TimeProvider time)
{
    /// <summary>Raised by a participant of <paramref name="conversationId"/>: pauses everyone else in it.</summary>
    public async Task<SafetyEscalation> RaiseForConversationAsync(long accountId, long conversationId, string? reason, CancellationToken ct = default)
    {
        await RequireActiveAsync(accountId, ct);
        // Only participants may raise it; to anyone else the conversation does not exist.
        if (!await db.ConversationParticipants.AnyAsync(p => p.ConversationId == conversationId && p.AccountId == accountId, ct))
        {
            throw KindredException.NotFound();
        }
        var others = await db.ConversationParticipants.Where(p => p.ConversationId == conversationId && p.AccountId != accountId)
            .Select(p => p.AccountId).ToListAsync(ct);
        if (others.Count == 0)
        {
            throw KindredException.Invalid("conversation", "There is nobody else in this conversation.");
        }
        return await RaiseAsync(accountId, conversationId, null, others, reason, ct);
    }

    /// <summary>Raised about the person <paramref name="targetId"/>: pauses them.</summary>
    public async Task<SafetyEscalation> RaiseForAccountAsync(long accountId, long targetId, string? reason, CancellationToken ct = default)
    {
        await RequireActiveAsync(accountId, ct);
        if (!await db.Accounts.Visible().AnyAsync(a => a.Id == targetId && a.Domain == null, ct))
        {
            throw KindredException.NotFound();
        }
        if (targetId == accountId)
        {
            throw KindredException.Invalid("account", "You cannot raise this about yourself.");
        }
        return await RaiseAsync(accountId, null, targetId, [targetId], reason, ct);
    }

    private async Task<SafetyEscalation> RaiseAsync(long accountId, long? conversationId, long? targetId, List<long> others, string? reason, CancellationToken ct)
    {
        var clean = AidResponseRules.Reason(reason);
        var now = time.UtcNow();
        var escalation = new SafetyEscalation
        {
            Id = Snowflake.NewId(now),
            RaisedById = accountId,
            ConversationId = conversationId,
            AccountId = targetId,
            Reason = clean,
            CreatedAt = now,
        };
        db.SafetyEscalations.Add(escalation);
        foreach (var other in others.Distinct())
        {
            db.ContactPauses.Add(new ContactPause { EscalationId = escalation.Id, AccountId = accountId, PausedAccountId = other, CreatedAt = now });
        }
        // Following would still show them the member's followers-only posts and keep a way in: the follow and any
        // request waiting go, as when a member removes a follower.
        db.Follows.RemoveRange(await db.Follows.Where(f => f.TargetAccountId == accountId && others.Contains(f.AccountId)).ToListAsync(ct));
        db.FollowRequests.RemoveRange(await db.FollowRequests.Where(f => f.TargetAccountId == accountId && others.Contains(f.AccountId)).ToListAsync(ct));
        // Every lead, past blocks and mutes, as for aid; the mail names nobody, no conversation, no reason (ADR 47).
        await alerts.AddAsync(now, NotificationTypes.SafetyEscalation, accountId, default, "/safeguarding/safety",
            "Someone said they feel unsafe in a private conversation or about a person. To review it:",
            "Quelqu'un a signalé ne pas se sentir en sécurité dans une conversation privée ou face à une personne. Pour l'examiner :", ct);
        await db.SaveChangesAsync(ct);
        return escalation;
    }

    /// <summary>
    /// A lead's decision, audited. Resolve lifts this escalation's pauses (others raised by the member still hold); keep
    /// paused leaves them for good; refer also files a report on each paused person for the moderators, which carries
    /// no private message: moderators ask the leads.
    /// </summary>
    public async Task<SafetyEscalation> ReviewAsync(long leadId, long escalationId, SafetyDecision decision, string? note, CancellationToken ct = default)
    {
        await AidEscalationQueries.RequireLeadAsync(db, leadId, ct);
        if (!Enum.IsDefined(decision))
        {
            throw KindredException.Invalid("decision", "Choose resolve, keep paused or refer to the moderators.");
        }
        var escalation = await db.SafetyEscalations.FirstOrDefaultAsync(e => e.Id == escalationId, ct) ?? throw KindredException.NotFound();
        if (escalation.ReviewedAt is not null)
        {
            throw KindredException.Conflict("This escalation has already been reviewed.");
        }
        var clean = AidResponseRules.ReviewNote(note);
        var now = time.UtcNow();
        escalation.ReviewedById = leadId;
        escalation.ReviewedAt = now;
        escalation.Decision = decision;
        escalation.ReviewNote = clean;
        var paused = await db.ContactPauses.Where(p => p.EscalationId == escalationId).ToListAsync(ct);
        if (decision == SafetyDecision.Resolved)
        {
            db.ContactPauses.RemoveRange(paused);
        }
        // The note stays out of the log, as for aid escalations: it says who decided what.
        audit.Add(leadId, AuditActions.SafetyReview, AuditTarget.SafetyEscalation(escalation.Id),
            decision switch
            {
                SafetyDecision.Resolved => "Reviewed an \"I feel unsafe\" escalation and let contact resume.",
                SafetyDecision.KeptPaused => "Reviewed an \"I feel unsafe\" escalation and kept contact paused.",
                _ => "Reviewed an \"I feel unsafe\" escalation and referred it to the moderators.",
            },
            "waiting", DecisionName(decision));
        await db.InTransactionAsync(async () =>
        {
            await db.SaveChangesAsync(ct);
            if (decision == SafetyDecision.Referred)
            {
                foreach (var accountId in paused.Select(p => p.PausedAccountId).Distinct())
                {
                    if (await db.Accounts.Visible().AnyAsync(a => a.Id == accountId, ct))
                    {
                        await reports.CreateAsync(leadId, new NewReport(accountId, [],
                            "Referred by a safeguarding lead after an \"I feel unsafe\" escalation. Ask the safeguarding leads for the details.",
                            ReportCategory.Other, []), ct);
                    }
                }
            }
        }, ct);
        return escalation;
    }

    public static string DecisionName(SafetyDecision decision) => decision switch
    {
        SafetyDecision.Resolved => "resolved",
        SafetyDecision.KeptPaused => "kept_paused",
        _ => "referred",
    };

    private async Task RequireActiveAsync(long accountId, CancellationToken ct)
    {
        if (!await db.Users.Active().AnyAsync(u => u.Id == accountId, ct))
        {
            throw KindredException.Forbidden("Your account is not active.");
        }
    }
}
