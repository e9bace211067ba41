using Kindred.Core.Common;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Aid;

/// <summary>
/// Reading aid conversations (ADR 27, 30). A conversation is read by its two parties and, once someone in it said
/// "I feel unsafe", by the safeguarding leads — and by nobody else, whatever their role; the item itself must still be
/// visible to the reader through <see cref="AidVisibility"/>. To anyone else a conversation does not exist (404).
/// </summary>
public sealed class AidConversationQueries(KindredDbContext db)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;

    /// <summary>The conversation <paramref name="responseId"/> as <paramref name="viewerId"/> may read it, or not found.</summary>
    public async Task<AidConversation> GetAsync(long viewerId, long responseId, CancellationToken ct = default)
    {
        var aidViewer = await AidViewer.LoadAsync(db, Viewer.Member(viewerId), ct);
        var found = await db.AidResponses.AsNoTracking().Where(r => r.Id == responseId)
            .Join(db.AidItems.AsNoTracking().VisibleTo(db, aidViewer), r => r.ItemId, i => i.Id, (r, i) => new { Response = r, Item = i })
            .FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        if (found.Item.AccountId == viewerId)
        {
            return new AidConversation(found.Response, found.Item, AidConversationRole.Owner);
        }
        if (found.Response.ResponderId == viewerId)
        {
            return new AidConversation(found.Response, found.Item, AidConversationRole.Responder);
        }
        // Leads see every item, but only the conversations someone escalated: never the others, never direct messages.
        if (aidViewer.IsSafeguardingLead && await db.AidEscalations.AnyAsync(e => e.ResponseId == responseId, ct))
        {
            return new AidConversation(found.Response, found.Item, AidConversationRole.Lead);
        }
        throw KindredException.NotFound();
    }

    /// <summary>A conversation's messages, newest first, paged by id.</summary>
    public async Task<IReadOnlyList<AidMessage>> MessagesAsync(AidConversation conversation, Page page, CancellationToken ct = default) =>
        await db.AidMessages.AsNoTracking().Where(m => m.ResponseId == conversation.Response.Id)
            .PageAsync(page, m => m.Id, 200, ct);

    /// <summary>Every message of a conversation, oldest first (the conversation page and a lead's review).</summary>
    public async Task<IReadOnlyList<AidMessage>> AllMessagesAsync(AidConversation conversation, CancellationToken ct = default) =>
        await db.AidMessages.AsNoTracking().Where(m => m.ResponseId == conversation.Response.Id).OrderBy(m => m.Id).Take(1_000).ToListAsync(ct);

    /// <summary>The viewer's own aid conversations, on either side, newest answer first.</summary>
    public async Task<IReadOnlyList<AidConversation>> MineAsync(long viewerId, Page page, CancellationToken ct = default)
    {
        var aidViewer = await AidViewer.LoadAsync(db, Viewer.Member(viewerId), ct);
        var items = db.AidItems.AsNoTracking().VisibleTo(db, aidViewer);
        var responses = await db.AidResponses.AsNoTracking()
            .Where(r => r.ResponderId == viewerId || db.AidItems.Any(i => i.Id == r.ItemId && i.AccountId == viewerId))
            .Where(r => items.Any(i => i.Id == r.ItemId))
            .PageAsync(page, r => r.Id, MaxLimit, ct);
        return await WithItemsAsync(responses, viewerId, ct);
    }

    /// <summary>The answers to the owner's own item, newest first; an item that is not theirs is not found.</summary>
    public async Task<IReadOnlyList<AidConversation>> ForItemAsync(long ownerId, long itemId, Page page, CancellationToken ct = default)
    {
        if (!await db.AidItems.AnyAsync(i => i.Id == itemId && i.AccountId == ownerId, ct))
        {
            throw KindredException.NotFound();
        }
        var responses = await db.AidResponses.AsNoTracking().Where(r => r.ItemId == itemId).PageAsync(page, r => r.Id, MaxLimit, ct);
        return await WithItemsAsync(responses, ownerId, ct);
    }

    /// <summary>The thanks given for a response, if any.</summary>
    public async Task<AidThanks?> ThanksAsync(long responseId, CancellationToken ct = default) =>
        await db.AidThanks.AsNoTracking().FirstOrDefaultAsync(t => t.ResponseId == responseId, ct);

    /// <summary>Which of these responses were thanked (the owner's list of answers).</summary>
    public async Task<HashSet<long>> ThankedAsync(IEnumerable<long> responseIds, CancellationToken ct = default)
    {
        var ids = responseIds.ToList();
        return (await db.AidThanks.AsNoTracking().Where(t => ids.Contains(t.ResponseId)).Select(t => t.ResponseId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>The escalations of one conversation, oldest first (shown to its readers: the parties and the leads).</summary>
    public async Task<IReadOnlyList<AidEscalation>> EscalationsOfAsync(long responseId, CancellationToken ct = default) =>
        await db.AidEscalations.AsNoTracking().Where(e => e.ResponseId == responseId).OrderBy(e => e.Id).ToListAsync(ct);

    /// <summary>
    /// Thanks shown on <paramref name="accountId"/>'s profile: only those both the giver and the helper agreed to show,
    /// from givers who are still active and not blocking or blocked by the helper, newest first.
    /// </summary>
    public async Task<IReadOnlyList<AidThanks>> SharedThanksAsync(long accountId, int limit = 20, CancellationToken ct = default) =>
        await db.AidThanks.AsNoTracking()
            .Where(t => t.ToAccountId == accountId && t.SharedByGiver && t.SharedByReceiver)
            .Where(t => db.Users.Active().Any(u => u.Id == t.FromAccountId))
            .WithoutBlocksWith(db.Blocks, accountId, t => t.FromAccountId)
            .OrderByDescending(t => t.CreatedAt).Take(Math.Clamp(limit, 1, 100)).ToListAsync(ct);

    private async Task<IReadOnlyList<AidConversation>> WithItemsAsync(IReadOnlyList<AidResponse> responses, long viewerId, CancellationToken ct)
    {
        var itemIds = responses.Select(r => r.ItemId).Distinct().ToList();
        var items = await db.AidItems.AsNoTracking().Where(i => itemIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        return responses.Where(r => items.ContainsKey(r.ItemId))
            .Select(r => new AidConversation(r, items[r.ItemId], items[r.ItemId].AccountId == viewerId ? AidConversationRole.Owner : AidConversationRole.Responder))
            .ToList();
    }
}
