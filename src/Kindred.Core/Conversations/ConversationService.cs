using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Conversations;

/// <summary>A participant's own actions on a conversation: mark it read, remove it from their list. Nobody else's row
/// changes; a conversation one is not in is "not found".</summary>
public sealed class ConversationService(KindredDbContext db)
{
    public async Task MarkReadAsync(long accountId, long conversationId, CancellationToken ct = default)
    {
        var row = await db.ConversationParticipants.FirstOrDefaultAsync(p => p.ConversationId == conversationId && p.AccountId == accountId, ct)
            ?? throw KindredException.NotFound();
        if (row.Unread)
        {
            row.Unread = false;
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>Hides the conversation from the member's list until a new message reaches them (the statuses stay).</summary>
    public async Task RemoveAsync(long accountId, long conversationId, CancellationToken ct = default)
    {
        var row = await db.ConversationParticipants.FirstOrDefaultAsync(p => p.ConversationId == conversationId && p.AccountId == accountId, ct)
            ?? throw KindredException.NotFound();
        row.Hidden = true;
        row.Unread = false;
        await db.SaveChangesAsync(ct);
    }
}
