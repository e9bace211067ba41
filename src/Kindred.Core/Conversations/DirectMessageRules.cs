using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Conversations;

/// <summary>
/// Who may send a private message to whom (ADR 17): each member chooses everyone, people they follow, or nobody.
/// Moderators, admins and the owner may always write, so a safety contact can reach anyone; and anyone may answer in a
/// conversation the recipient has written in themselves. A limited member reaches only their contacts (ADR 67). Contact
/// paused by "I feel unsafe" refuses everyone it pauses, and the recipient's "who may mention me" choice applies too,
/// since a private message is a mention (ADR 75).
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
        // Before the staff exception: a pause holds whoever the other person is, until a safeguarding lead decides.
        if (await ContactRules.FirstPausedAsync(db, authorId, others, ct) is { } paused)
        {
            return paused;
        }
        var role = await db.Users.Where(u => u.Id == authorId).Select(u => (UserRole?)u.Role).FirstOrDefaultAsync(ct);
        if (role is { } r && Roles.CanModerate(r))
        {
            return null;
        }
        if (await db.ActiveLimits().AnyAsync(k => k.AccountId == authorId, ct))
        {
            // A limited member (ADR 67) writes only to contacts (followers and people they follow) and where the other
            // already wrote: whatever the recipient allows, a stranger is not reached.
            var contacts = await db.Follows
                .Where(f => (f.TargetAccountId == authorId && others.Contains(f.AccountId)) || (f.AccountId == authorId && others.Contains(f.TargetAccountId)))
                .Select(f => f.AccountId == authorId ? f.TargetAccountId : f.AccountId).ToListAsync(ct);
            var wrote = await AnsweredAsync(db, conversationId, others, ct);
            var stranger = others.FirstOrDefault(id => !contacts.Contains(id) && !wrote.Contains(id));
            if (stranger != 0)
            {
                return await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == stranger, ct);
            }
        }
        var strict = await db.Accounts.AsNoTracking()
            .Where(a => others.Contains(a.Id) && (a.DirectMessages != DirectMessagePolicy.Everyone || a.Mentions != MentionPolicy.Everyone))
            .ToListAsync(ct);
        if (strict.Count == 0)
        {
            return null;
        }
        var strictIds = strict.Select(a => a.Id).ToList();
        var followers = await db.Follows.Where(f => f.TargetAccountId == authorId && strictIds.Contains(f.AccountId)).Select(f => f.AccountId).ToListAsync(ct);
        var answered = await AnsweredAsync(db, conversationId, strictIds, ct);
        var waiting = strict.Where(a => !answered.Contains(a.Id)).ToList();
        if (waiting.FirstOrDefault(a => a.DirectMessages != DirectMessagePolicy.Everyone && !(a.DirectMessages == DirectMessagePolicy.Following && followers.Contains(a.Id))) is { } refusing)
        {
            return refusing;
        }
        // Answering where the recipient wrote is a reply they invited, as for messages; otherwise their mention choice holds.
        var mentionIds = waiting.Where(a => a.Mentions != MentionPolicy.Everyone).Select(a => a.Id).ToList();
        return mentionIds.Count == 0 ? null : await ContactRules.FirstRefusingMentionAsync(db, authorId, mentionIds, ct);
    }

    /// <summary>Which of <paramref name="accountIds"/> wrote in <paramref name="conversationId"/> themselves.</summary>
    private static async Task<List<long>> AnsweredAsync(KindredDbContext db, long? conversationId, List<long> accountIds, CancellationToken ct) =>
        conversationId is { } cid
            ? await db.ConversationStatuses.Where(c => c.ConversationId == cid)
                .Join(db.Statuses, c => c.StatusId, s => s.Id, (c, s) => s)
                .Where(s => accountIds.Contains(s.AccountId) && s.DeletedAt == null)
                .Select(s => s.AccountId).Distinct().ToListAsync(ct)
            : [];

    /// <summary>Whether <paramref name="authorId"/> may start a conversation with <paramref name="recipientId"/>.</summary>
    public static async Task<bool> AcceptsAsync(KindredDbContext db, long authorId, long recipientId, CancellationToken ct = default) =>
        await FirstRefusingAsync(db, authorId, [recipientId], null, ct) is null;
}
