using Kindred.Core.Accounts;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Conversations;

/// <summary>
/// Who may send a private message to whom (ADR 17): each member chooses everyone, people they follow, or nobody.
/// Moderators, admins and the owner may always write, so a safety contact can reach anyone; and anyone may answer in a
/// conversation the recipient has written in themselves.
/// </summary>
public static class DirectMessageRules
{
    /// <summary>The first of <paramref name="recipientIds"/> who does not accept a message from
    /// <paramref name="authorId"/> (continuing <paramref name="conversationId"/>, if any), or null when all do.</summary>
    public static async Task<Account?> FirstRefusingAsync(KindredDbContext db, long authorId, IReadOnlyCollection<long> recipientIds, long? conversationId, CancellationToken ct = default)
    {
        var others = recipientIds.Where(id => id != authorId).Distinct().ToList();
        if (others.Count == 0)
        {
            return null;
        }
        var role = await db.Users.Where(u => u.Id == authorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is { } r && Roles.CanModerate(r))
        {
            return null;
        }
        var strict = await db.Accounts.AsNoTracking()
            .Where(a => others.Contains(a.Id) && a.DirectMessages != DirectMessagePolicy.Everyone)
            .ToListAsync(ct);
        if (strict.Count == 0)
        {
            return null;
        }
        var strictIds = strict.Select(a => a.Id).ToList();
        var followers = await db.Follows.Where(f => f.TargetAccountId == authorId && strictIds.Contains(f.AccountId)).Select(f => f.AccountId).ToListAsync(ct);
        var answered = conversationId is { } cid
            ? await db.ConversationStatuses.Where(c => c.ConversationId == cid)
                .Join(db.Statuses, c => c.StatusId, s => s.Id, (c, s) => s)
                .Where(s => strictIds.Contains(s.AccountId) && s.DeletedAt == null)
                .Select(s => s.AccountId).Distinct().ToListAsync(ct)
            : [];
        return strict.FirstOrDefault(a => !answered.Contains(a.Id) && !(a.DirectMessages == DirectMessagePolicy.Following && followers.Contains(a.Id)));
    }

    /// <summary>Whether <paramref name="authorId"/> may start a conversation with <paramref name="recipientId"/>.</summary>
    public static async Task<bool> AcceptsAsync(KindredDbContext db, long authorId, long recipientId, CancellationToken ct = default) =>
        await FirstRefusingAsync(db, authorId, [recipientId], null, ct) is null;
}
