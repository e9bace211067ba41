using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Conversations;

/// <summary>
/// Files direct statuses into conversations, in the same SaveChanges as the status (ADR 17). A reply continues its
/// parent's conversation; any other direct status starts a new one (Mastodon keys conversations by thread). The author
/// and every mentioned account get their row moved to the top: unread for the recipients, shown again if they had
/// removed it.
/// </summary>
public sealed class ConversationFeed(KindredDbContext db)
{
    /// <summary>
    /// For a direct <paramref name="status"/> (not saved yet, mentions resolved): refuses recipients who do not accept
    /// messages from the author — a 422 naming the first of them, before anything is added — then adds the rows.
    /// </summary>
    public async Task AddAsync(Status status, Status? parent, CancellationToken ct)
    {
        if (status.Visibility != Audience.Direct || status.ReblogOfId is not null)
        {
            return;
        }
        long? conversationId = parent is null ? null
            : await db.ConversationStatuses.Where(c => c.StatusId == parent.Id).Select(c => (long?)c.ConversationId).FirstOrDefaultAsync(ct);
        var recipients = status.Mentions.Select(m => m.AccountId).Where(id => id != status.AccountId).Distinct().ToList();
        if (await DirectMessageRules.FirstRefusingAsync(db, status.AccountId, recipients, conversationId, ct) is { } refusing)
        {
            throw KindredException.Invalid("status", $"@{refusing.Username} does not accept private messages from you.");
        }
        if (conversationId is null)
        {
            var conversation = new Conversation { Id = Snowflake.NewId(status.CreatedAt), CreatedAt = status.CreatedAt };
            db.Conversations.Add(conversation);
            conversationId = conversation.Id;
        }
        var id = conversationId.Value;
        db.ConversationStatuses.Add(new ConversationStatus { StatusId = status.Id, ConversationId = id });
        var everyone = recipients.Append(status.AccountId).ToList();
        var rows = await db.ConversationParticipants.Where(p => p.ConversationId == id && everyone.Contains(p.AccountId)).ToDictionaryAsync(p => p.AccountId, ct);
        foreach (var accountId in everyone)
        {
            if (!rows.TryGetValue(accountId, out var row))
            {
                row = new ConversationParticipant { ConversationId = id, AccountId = accountId };
                db.ConversationParticipants.Add(row);
            }
            row.LastStatusId = status.Id;
            row.Unread = accountId != status.AccountId;
            row.Hidden = false;
        }
    }
}
