using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// The safeguarding leads' queue of "I feel unsafe" escalations (ADR 30). Only current leads read it — not moderators,
/// not admins by their role — and through it only the escalated aid conversations.
/// </summary>
public sealed class AidEscalationQueries(KindredDbContext db, AidConversationQueries conversations)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;

    /// <summary>Escalations newest first: waiting for review only (<paramref name="open"/>), or all of them.</summary>
    public async Task<IReadOnlyList<AidEscalation>> QueueAsync(long leadId, bool open, Page page, CancellationToken ct = default)
    {
        await RequireLeadAsync(db, leadId, ct);
        var rows = db.AidEscalations.AsNoTracking();
        if (open)
        {
            rows = rows.Where(e => e.ReviewedAt == null);
        }
        return await rows.PageAsync(page, e => e.Id, MaxLimit, ct);
    }

    /// <summary>One escalation with the conversation it is about, for a lead.</summary>
    public async Task<(AidEscalation Escalation, AidConversation Conversation)> GetAsync(long leadId, long escalationId, CancellationToken ct = default)
    {
        await RequireLeadAsync(db, leadId, ct);
        var escalation = await db.AidEscalations.AsNoTracking().FirstOrDefaultAsync(e => e.Id == escalationId, ct) ?? throw KindredException.NotFound();
        return (escalation, await conversations.GetAsync(leadId, escalation.ResponseId, ct));
    }

    /// <summary>The items and responses a page of escalations is about, for listing them.</summary>
    public async Task<Dictionary<long, AidConversation>> ConversationsAsync(long leadId, IEnumerable<AidEscalation> escalations, CancellationToken ct = default)
    {
        var result = new Dictionary<long, AidConversation>();
        foreach (var responseId in escalations.Select(e => e.ResponseId).Distinct())
        {
            try
            {
                result[responseId] = await conversations.GetAsync(leadId, responseId, ct);
            }
            catch (KindredException e) when (e.Kind == ErrorKind.NotFound)
            {
                // Deleted meanwhile; the queue still lists the escalation without its item.
            }
        }
        return result;
    }

    /// <summary>Whether <paramref name="accountId"/> is a current safeguarding lead.</summary>
    public static Task<bool> IsLeadAsync(KindredDbContext db, long accountId, CancellationToken ct = default) =>
        db.Users.Active().AnyAsync(u => u.Id == accountId && u.IsSafeguardingLead, ct);

    public static async Task RequireLeadAsync(KindredDbContext db, long accountId, CancellationToken ct = default)
    {
        if (!await IsLeadAsync(db, accountId, ct))
        {
            throw KindredException.Forbidden("Only safeguarding leads review escalations.");
        }
    }
}
