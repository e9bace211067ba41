using Kindred.Core.Accounts;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Relationships;

/// <summary>
/// Who may reach whom beyond blocks (ADR 75): contact paused by "I feel unsafe" (<see cref="ContactPause"/>) refuses
/// mentions, private messages and follows whoever the sender is; the member's "who may mention me" choice refuses
/// mentions from others, except from the organization account, moderators and up, and safeguarding leads.
/// </summary>
public static class ContactRules
{
    /// <summary>Whether <paramref name="otherId"/> may not reach <paramref name="accountId"/> because of a pause.</summary>
    public static Task<bool> IsPausedAsync(KindredDbContext db, long accountId, long otherId, CancellationToken ct = default) =>
        db.ContactPauses.AnyAsync(p => p.AccountId == accountId && p.PausedAccountId == otherId, ct);

    /// <summary>The first of <paramref name="recipientIds"/> who paused contact from <paramref name="authorId"/>, or null.</summary>
    public static async Task<Account?> FirstPausedAsync(KindredDbContext db, long authorId, IReadOnlyCollection<long> recipientIds, CancellationToken ct = default)
    {
        var others = recipientIds.Where(id => id != authorId).Distinct().ToList();
        if (others.Count == 0)
        {
            return null;
        }
        var paused = await db.ContactPauses.Where(p => p.PausedAccountId == authorId && others.Contains(p.AccountId))
            .Select(p => p.AccountId).FirstOrDefaultAsync(ct);
        return paused == 0 ? null : await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == paused, ct);
    }

    /// <summary>Whether <paramref name="authorId"/> may mention anyone whatever their choice: the organization account,
    /// moderators and up (a safety contact reaches anyone, as with messages), and safeguarding leads.</summary>
    public static async Task<bool> MayAlwaysMentionAsync(KindredDbContext db, long authorId, CancellationToken ct = default)
    {
        if (await db.Organizations.AnyAsync(o => o.AccountId == authorId, ct))
        {
            return true;
        }
        var user = await db.Users.Where(u => u.Id == authorId).Select(u => new { u.Role, u.IsSafeguardingLead }).FirstOrDefaultAsync(ct);
        return user is not null && (user.IsSafeguardingLead || Roles.CanModerate(user.Role));
    }

    /// <summary>
    /// The first of <paramref name="recipientIds"/> who does not accept a mention from <paramref name="authorId"/> — a
    /// paused contact, or a "who may mention me" choice that leaves the author out — or null when all do.
    /// </summary>
    public static async Task<Account?> FirstRefusingMentionAsync(KindredDbContext db, long authorId, IReadOnlyCollection<long> recipientIds, CancellationToken ct = default)
    {
        if (await FirstPausedAsync(db, authorId, recipientIds, ct) is { } paused)
        {
            return paused;
        }
        var others = recipientIds.Where(id => id != authorId).Distinct().ToList();
        if (others.Count == 0)
        {
            return null;
        }
        var strict = await db.Accounts.AsNoTracking().Where(a => others.Contains(a.Id) && a.Mentions != MentionPolicy.Everyone).ToListAsync(ct);
        if (strict.Count == 0 || await MayAlwaysMentionAsync(db, authorId, ct))
        {
            return null;
        }
        var strictIds = strict.Select(a => a.Id).ToList();
        var following = await db.Follows.Where(f => f.TargetAccountId == authorId && strictIds.Contains(f.AccountId)).Select(f => f.AccountId).ToListAsync(ct);
        return strict.FirstOrDefault(a => !(a.Mentions == MentionPolicy.Following && following.Contains(a.Id)));
    }
}
