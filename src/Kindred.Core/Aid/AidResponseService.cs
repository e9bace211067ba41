using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Common.Email;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Aid;

/// <summary>
/// Answering aid items and everything that happens in the private conversation that follows (ADR 27, 30): messages,
/// accept, decline, withdraw, fulfilled, thanks, and "I feel unsafe" with the safeguarding leads' review. Who may read
/// a conversation is decided by <see cref="AidConversationQueries.GetAsync"/>; every write starts there, so a
/// conversation someone may not read is "not found" to them here too.
/// </summary>
public sealed class AidResponseService(KindredDbContext db, Notify notify, TimeProvider time, AidConversationQueries conversations,
    IOptions<AidResponseOptions> options, AuditLog audit, SafeguardingAlerts alerts)
{
    /// <summary>"I can help" / "I'd like this": opens a conversation with its first message.</summary>
    public async Task<AidResponse> AnswerAsync(long responderId, long itemId, string? text, CancellationToken ct = default)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == responderId, ct);
        if (user?.Status != UserStatus.Active)
        {
            throw KindredException.Forbidden("Your account is not active.");
        }
        // A lead sees every item but answers like any member: only what their audience and blocks allow.
        var vetted = await db.VettedHelpers.AnyAsync(v => v.AccountId == responderId && v.RevokedAt == null, ct);
        var item = await db.AidItems.Where(i => i.Id == itemId).VisibleTo(db, new AidViewer(responderId, false, vetted)).FirstOrDefaultAsync(ct)
            ?? throw KindredException.NotFound();
        var now = time.UtcNow();
        if (AidResponseRules.WhyNotAnswer(item, responderId, vetted, user.ApprovedAt ?? user.CreatedAt, now, options.Value.NewMemberDays) is { } why)
        {
            throw KindredException.Forbidden(AidResponseRules.Message(why, options.Value.NewMemberDays));
        }
        var message = AidResponseRules.Message(text);
        if (await db.AidResponses.AnyAsync(r => r.ItemId == itemId && r.ResponderId == responderId, ct))
        {
            throw KindredException.Conflict("You have already answered this; carry on in your conversation.");
        }
        var response = new AidResponse
        {
            Id = Snowflake.NewId(now),
            ItemId = itemId,
            ResponderId = responderId,
            State = AidResponseState.Pending,
            CreatedAt = now,
            LastMessageAt = now,
        };
        db.AidResponses.Add(response);
        db.AidMessages.Add(new AidMessage { Id = Snowflake.NewId(now), ResponseId = response.Id, AuthorId = responderId, Text = message, CreatedAt = now });
        await notify.AddForAidItemAsync(now, NotificationTypes.AidResponse, item.AccountId, responderId, itemId, ct);
        await db.InTransactionAsync(async () =>
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two answers from the same person at once: the unique index keeps one.
                throw KindredException.Conflict("You have already answered this; carry on in your conversation.");
            }
            // Only the first answer from someone else counts for "time to first response"; a guarded UPDATE keeps it so
            // when two people answer at the same moment.
            await db.AidItems.Where(i => i.Id == itemId && i.FirstResponseAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.FirstResponseAt, now), ct);
        }, ct);
        return response;
    }

    /// <summary>
    /// What the answer form shows before anyone writes: the item's owner, the reader's earlier answer if any, and why
    /// they may not answer, by the same rule as <see cref="AnswerAsync"/>, so nobody writes a message they cannot send.
    /// </summary>
    public async Task<(Account Owner, long? Existing, AidAnswerRefusal? Refusal)> AnswerFormAsync(long responderId, AidItem item, CancellationToken ct = default)
    {
        var owner = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == item.AccountId, ct);
        var existing = await db.AidResponses.Where(r => r.ItemId == item.Id && r.ResponderId == responderId).Select(r => (long?)r.Id).FirstOrDefaultAsync(ct);
        var user = await db.Users.AsNoTracking().FirstAsync(u => u.Id == responderId, ct);
        var vetted = await db.VettedHelpers.AnyAsync(v => v.AccountId == responderId && v.RevokedAt == null, ct);
        var refusal = AidResponseRules.WhyNotAnswer(item, responderId, vetted, user.ApprovedAt ?? user.CreatedAt, time.UtcNow(), options.Value.NewMemberDays);
        return (owner, existing, refusal);
    }

    /// <summary>A message from one party to the other; refused while paused, and after a decline or withdrawal.</summary>
    public async Task<AidMessage> SendAsync(long authorId, long responseId, string? text, CancellationToken ct = default)
    {
        var conversation = await PartyAsync(authorId, responseId, ct);
        var response = conversation.Response;
        if (response.PausedAt is not null)
        {
            throw KindredException.Forbidden("This conversation is paused until a safeguarding lead has looked at it.");
        }
        if (response.State is AidResponseState.Declined or AidResponseState.Withdrawn)
        {
            throw KindredException.Forbidden("This conversation has ended.");
        }
        var clean = AidResponseRules.Message(text);
        var now = time.UtcNow();
        var message = new AidMessage { Id = Snowflake.NewId(now), ResponseId = responseId, AuthorId = authorId, Text = clean, CreatedAt = now };
        db.AidMessages.Add(message);
        (await db.AidResponses.FirstAsync(r => r.Id == responseId, ct)).LastMessageAt = now;
        await notify.AddForAidItemAsync(now, NotificationTypes.AidMessage, conversation.OtherPartyId, authorId, conversation.Item.Id, ct);
        await db.SaveChangesAsync(ct);
        return message;
    }

    /// <summary>The owner accepts an answer; an open item is then in progress.</summary>
    public async Task<AidResponse> AcceptAsync(long ownerId, long responseId, CancellationToken ct = default)
    {
        var (response, item) = await OwnedAsync(ownerId, responseId, ct);
        if (response.PausedAt is not null)
        {
            throw KindredException.Forbidden("This conversation is paused until a safeguarding lead has looked at it.");
        }
        if (response.State != AidResponseState.Pending)
        {
            throw KindredException.Conflict(response.State == AidResponseState.Accepted ? "You already accepted this answer." : "This answer can no longer be accepted.");
        }
        var now = time.UtcNow();
        response.State = AidResponseState.Accepted;
        response.DecidedAt = now;
        if (item.State == AidItemState.Open)
        {
            item.State = AidItemState.InProgress;
            item.UpdatedAt = now;
        }
        await notify.AddForAidItemAsync(now, NotificationTypes.AidAccepted, response.ResponderId, ownerId, item.Id, ct);
        await db.SaveChangesAsync(ct);
        return response;
    }

    /// <summary>The owner declines an answer (pending or accepted); the conversation ends.</summary>
    public async Task<AidResponse> DeclineAsync(long ownerId, long responseId, CancellationToken ct = default)
    {
        var (response, item) = await OwnedAsync(ownerId, responseId, ct);
        if (response.State is not (AidResponseState.Pending or AidResponseState.Accepted))
        {
            throw KindredException.Conflict("This answer has already ended.");
        }
        await EndAsync(response, item, AidResponseState.Declined, ct);
        return response;
    }

    /// <summary>The responder takes their answer back; the conversation ends.</summary>
    public async Task<AidResponse> WithdrawAsync(long responderId, long responseId, CancellationToken ct = default)
    {
        var conversation = await PartyAsync(responderId, responseId, ct);
        if (conversation.Role != AidConversationRole.Responder)
        {
            throw KindredException.Forbidden("Only the person who answered can withdraw.");
        }
        var response = await db.AidResponses.FirstAsync(r => r.Id == responseId, ct);
        var item = await db.AidItems.FirstAsync(i => i.Id == response.ItemId, ct);
        if (response.State is not (AidResponseState.Pending or AidResponseState.Accepted))
        {
            throw KindredException.Conflict("This answer has already ended.");
        }
        await EndAsync(response, item, AidResponseState.Withdrawn, ct);
        return response;
    }

    /// <summary>The owner marks their item fulfilled.</summary>
    public async Task<AidItem> FulfilAsync(long ownerId, long itemId, CancellationToken ct = default)
    {
        var item = await db.AidItems.FirstOrDefaultAsync(i => i.Id == itemId && i.AccountId == ownerId, ct) ?? throw KindredException.NotFound();
        if (!AidResponseRules.IsActive(item.State))
        {
            throw KindredException.Conflict("This is no longer open.");
        }
        var now = time.UtcNow();
        item.State = AidItemState.Fulfilled;
        item.EndedAt = now;
        item.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        return item;
    }

    /// <summary>
    /// The owner thanks the helper of an accepted answer, once. <paramref name="share"/> is the owner's agreement to
    /// show it on the helper's profile; it shows only once the helper agrees too.
    /// </summary>
    public async Task<AidThanks> ThankAsync(long ownerId, long responseId, string? text, bool share, CancellationToken ct = default)
    {
        var (response, item) = await OwnedAsync(ownerId, responseId, ct);
        if (response.State != AidResponseState.Accepted)
        {
            throw KindredException.Forbidden("You can thank someone once you have accepted their help.");
        }
        var clean = AidResponseRules.Thanks(text);
        if (await db.AidThanks.AnyAsync(t => t.ResponseId == responseId, ct))
        {
            throw KindredException.Conflict("You have already thanked them for this.");
        }
        var now = time.UtcNow();
        var thanks = new AidThanks
        {
            ResponseId = responseId,
            FromAccountId = ownerId,
            ToAccountId = response.ResponderId,
            Text = clean,
            CreatedAt = now,
            SharedByGiver = share,
        };
        db.AidThanks.Add(thanks);
        await notify.AddForAidItemAsync(now, NotificationTypes.AidThanks, response.ResponderId, ownerId, item.Id, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            throw KindredException.Conflict("You have already thanked them for this.");
        }
        return thanks;
    }

    /// <summary>Either side says whether the thanks may be shown on the helper's profile; each side speaks only for itself.</summary>
    public async Task<AidThanks> ShareThanksAsync(long accountId, long responseId, bool share, CancellationToken ct = default)
    {
        var conversation = await PartyAsync(accountId, responseId, ct);
        var thanks = await db.AidThanks.FirstOrDefaultAsync(t => t.ResponseId == responseId, ct) ?? throw KindredException.NotFound();
        if (conversation.Role == AidConversationRole.Owner)
        {
            thanks.SharedByGiver = share;
        }
        else
        {
            thanks.SharedByReceiver = share;
        }
        await db.SaveChangesAsync(ct);
        return thanks;
    }

    /// <summary>
    /// "I feel unsafe": either party pauses the conversation at once and every safeguarding lead is told. The reason is
    /// optional. Raising it again while paused adds the new reason for the leads.
    /// </summary>
    public async Task<AidEscalation> RaiseUnsafeAsync(long accountId, long responseId, string? reason, CancellationToken ct = default)
    {
        var conversation = await PartyAsync(accountId, responseId, ct);
        var clean = AidResponseRules.Reason(reason);
        var now = time.UtcNow();
        var escalation = new AidEscalation { Id = Snowflake.NewId(now), ResponseId = responseId, RaisedById = accountId, Reason = clean, CreatedAt = now };
        db.AidEscalations.Add(escalation);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.AidResponses.Where(r => r.Id == responseId && r.PausedAt == null).ExecuteUpdateAsync(s => s.SetProperty(r => r.PausedAt, now), ct);
        // Every lead, past blocks and mutes, by notification and at once by e-mail, written with the escalation (ADR 59).
        // The mail says only that an alert waits: no names, no item, no reason (ADR 47); the page shows the rest to leads.
        await alerts.AddAsync(now, NotificationTypes.AidEscalation, accountId, new NotificationAbout(AidItemId: conversation.Item.Id), "/safeguarding/escalations",
            "Someone said they feel unsafe in a mutual aid conversation. To review it:",
            "Quelqu'un a signalé ne pas se sentir en sécurité dans une conversation d'entraide. Pour l'examiner :", ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return escalation;
    }

    /// <summary>
    /// A safeguarding lead reviews an escalation with a note: resume (messages may flow again once no other escalation of
    /// the conversation waits) or close (the conversation stays paused for good; <paramref name="closeItem"/> also closes
    /// the item).
    /// </summary>
    public async Task<AidEscalation> ReviewAsync(long leadId, long escalationId, bool resume, string? note, bool closeItem, CancellationToken ct = default)
    {
        await AidEscalationQueries.RequireLeadAsync(db, leadId, ct);
        var escalation = await db.AidEscalations.FirstOrDefaultAsync(e => e.Id == escalationId, ct) ?? throw KindredException.NotFound();
        // Through the conversation rule, so a lead reaches only what they may read.
        var conversation = await conversations.GetAsync(leadId, escalation.ResponseId, ct);
        if (escalation.ReviewedAt is not null)
        {
            throw KindredException.Conflict("This escalation has already been reviewed.");
        }
        if (resume && closeItem)
        {
            throw KindredException.Invalid("close_item", "Close the item only when closing the conversation.");
        }
        var clean = AidResponseRules.ReviewNote(note);
        var now = time.UtcNow();
        escalation.ReviewedById = leadId;
        escalation.ReviewedAt = now;
        escalation.Resumed = resume;
        escalation.ReviewNote = clean;
        var response = await db.AidResponses.FirstAsync(r => r.Id == escalation.ResponseId, ct);
        if (resume)
        {
            var othersWaiting = await db.AidEscalations.AnyAsync(e => e.ResponseId == response.Id && e.Id != escalationId && e.ReviewedAt == null, ct);
            var closedBefore = await db.AidEscalations.AnyAsync(e => e.ResponseId == response.Id && e.Id != escalationId && e.Resumed == false, ct);
            if (!othersWaiting && !closedBefore)
            {
                response.PausedAt = null;
                AddReviewNotifications(NotificationTypes.AidReviewResumed, conversation, now);
            }
        }
        else
        {
            // Only the first close tells the parties; a later one changes nothing they can see.
            if (!await db.AidEscalations.AnyAsync(e => e.ResponseId == response.Id && e.Id != escalationId && e.Resumed == false, ct))
            {
                AddReviewNotifications(NotificationTypes.AidReviewClosed, conversation, now);
            }
            response.PausedAt ??= now;
            if (closeItem)
            {
                var item = await db.AidItems.FirstAsync(i => i.Id == conversation.Item.Id, ct);
                if (AidResponseRules.IsActive(item.State))
                {
                    item.State = AidItemState.Closed;
                    item.EndedAt = now;
                    item.UpdatedAt = now;
                }
            }
        }
        // The note and the conversation stay out of the log: it says only who decided what, like the escalation list.
        audit.Add(leadId, AuditActions.EscalationReview, AuditTarget.AidEscalation(escalation.Id),
            resume ? "Reviewed an escalation and let the conversation resume."
                : closeItem ? "Reviewed an escalation, closed the conversation and the item." : "Reviewed an escalation and closed the conversation.",
            "waiting", resume ? "resumed" : "closed");
        await db.SaveChangesAsync(ct);
        return escalation;
    }

    /// <summary>
    /// Tells both parties the outcome of a review (ADR 35). Each notification comes "from" its recipient, as a reminder
    /// does, so the lead who reviewed stays unnamed and a block between the parties cannot hide it; the lead's note is
    /// for the other leads (ADR 30) and is not part of it.
    /// </summary>
    private void AddReviewNotifications(string type, AidConversation conversation, DateTime now)
    {
        foreach (var party in new[] { conversation.Item.AccountId, conversation.Response.ResponderId }.Distinct())
        {
            notify.AddRegardless(now, type, party, party, new NotificationAbout(AidItemId: conversation.Item.Id));
        }
    }

    /// <summary>Whether a lead closed the conversation for good after an escalation.</summary>
    public static bool IsClosedBySafeguarding(IEnumerable<AidEscalation> escalations) => escalations.Any(e => e.Resumed == false);

    private async Task<AidConversation> PartyAsync(long accountId, long responseId, CancellationToken ct)
    {
        if (!await db.Users.Active().AnyAsync(u => u.Id == accountId, ct))
        {
            throw KindredException.Forbidden("Your account is not active.");
        }
        var conversation = await conversations.GetAsync(accountId, responseId, ct);
        if (!conversation.IsParty)
        {
            // Leads read an escalated conversation; they never write in it as if they were one of the two.
            throw KindredException.Forbidden("Only the two people in this conversation can do that.");
        }
        return conversation;
    }

    private async Task<(AidResponse Response, AidItem Item)> OwnedAsync(long ownerId, long responseId, CancellationToken ct)
    {
        var conversation = await PartyAsync(ownerId, responseId, ct);
        if (conversation.Role != AidConversationRole.Owner)
        {
            throw KindredException.Forbidden("Only the person who posted this can do that.");
        }
        var response = await db.AidResponses.FirstAsync(r => r.Id == responseId, ct);
        var item = await db.AidItems.FirstAsync(i => i.Id == response.ItemId, ct);
        if (!AidResponseRules.IsActive(item.State) && response.State == AidResponseState.Pending)
        {
            throw KindredException.Conflict("This is no longer open.");
        }
        return (response, item);
    }

    private async Task EndAsync(AidResponse response, AidItem item, AidResponseState state, CancellationToken ct)
    {
        var now = time.UtcNow();
        var wasAccepted = response.State == AidResponseState.Accepted;
        response.State = state;
        response.DecidedAt = now;
        // Nobody accepted any more: the item is open again for others to answer.
        if (wasAccepted && item.State == AidItemState.InProgress
            && !await db.AidResponses.AnyAsync(r => r.ItemId == item.Id && r.Id != response.Id && r.State == AidResponseState.Accepted, ct))
        {
            item.State = AidItemState.Open;
            item.UpdatedAt = now;
        }
        await db.SaveChangesAsync(ct);
    }
}
