using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Organizations;

/// <summary>
/// Files a new status into the staff "needs reply" inbox (ADR 66) as it is written, for the caller's SaveChanges: a
/// mention of the organization's account, a direct message to it, a reply to its post, a top-level post in a group it
/// runs, and any reply to a status already in a conversation. A reply to the announcement post of an event it runs,
/// open or direct, is an event question (ADR 76). The organization's own reply in a conversation answers
/// it. Each status costs one indexed look-up (and one for a group post), so the inbox never scans posts.
/// </summary>
public sealed class OrganizationInbox(KindredDbContext db, OrganizationSettings settings)
{
    public const string Mention = "mention";
    public const string Direct = "direct";
    public const string Reply = "reply";
    public const string GroupPost = "group";
    public const string EventQuestion = "event";

    public async Task RecordAsync(Status status, Status? parent, CancellationToken ct = default)
    {
        if ((await settings.GetAsync(ct)).AccountId is not { } organizationId)
        {
            return;
        }
        var now = status.CreatedAt;
        var conversation = parent is null ? null : await ConversationOfAsync(parent.Id, ct);
        if (status.AccountId == organizationId)
        {
            if (conversation is not null)
            {
                Answered(conversation, status);
            }
            return;
        }
        if (conversation is null)
        {
            var kind = await KindAsync(status, parent, organizationId, ct);
            if (kind is null)
            {
                return;
            }
            conversation = new InboxConversation
            {
                Id = Snowflake.NewId(now),
                AccountId = status.AccountId,
                FirstStatusId = status.Id,
                Kind = kind,
                State = InboxState.Open,
                OpenedAt = now,
                WaitingSince = now,
                LastMessageAt = now,
                LastStatusId = status.Id,
            };
            db.InboxConversations.Add(conversation);
        }
        else if (conversation.State != InboxState.Open)
        {
            // A new message opens a conversation that was answered, done or snoozed; it waits from this message.
            conversation.State = InboxState.Open;
            conversation.SnoozedUntil = null;
            conversation.WaitingSince = now;
        }
        conversation.LastMessageAt = now;
        conversation.LastStatusId = status.Id;
        db.InboxMessages.Add(new InboxMessage { StatusId = status.Id, ConversationId = conversation.Id, CreatedAt = now });
    }

    /// <summary>The organization answered: the conversation waits for nobody, and the reply box is free again.</summary>
    public void Answered(InboxConversation conversation, Status answer)
    {
        conversation.State = InboxState.Answered;
        conversation.FirstAnsweredAt ??= answer.CreatedAt;
        conversation.SnoozedUntil = null;
        conversation.ReplyingId = null;
        conversation.ReplyingUntil = null;
        conversation.LastStatusId = answer.Id;
        db.InboxMessages.Add(new InboxMessage { StatusId = answer.Id, ConversationId = conversation.Id, FromOrganization = true, CreatedAt = answer.CreatedAt });
    }

    private async Task<InboxConversation?> ConversationOfAsync(long statusId, CancellationToken ct)
    {
        var id = await db.InboxMessages.Where(m => m.StatusId == statusId).Select(m => (long?)m.ConversationId).FirstOrDefaultAsync(ct);
        return id is null ? null : await db.InboxConversations.FirstOrDefaultAsync(c => c.Id == id, ct);
    }

    private async Task<string?> KindAsync(Status status, Status? parent, long organizationId, CancellationToken ct)
    {
        // Before the mention test: a private question about an event names the organization and is still about the event.
        if (parent?.AccountId == organizationId && await db.Events.AnyAsync(e => e.StatusId == parent.Id && e.OrganizerId == organizationId, ct))
        {
            return EventQuestion;
        }
        if (status.Mentions.Any(m => m.AccountId == organizationId))
        {
            return status.Visibility == Audience.Direct ? Direct : Mention;
        }
        if (parent?.AccountId == organizationId)
        {
            return Reply;
        }
        // Only a group's new topics: replies in its threads come in through the thread when the organization takes part.
        if (parent is null && status.GroupId is { } groupId
            && await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == organizationId && (m.Role == GroupRole.Admin || m.Role == GroupRole.Owner), ct))
        {
            return GroupPost;
        }
        return null;
    }
}
