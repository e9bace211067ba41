using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Conversations;

/// <summary>Reading one's conversations. Only participants see a conversation; its statuses are read through
/// <see cref="StatusVisibility"/>, so a participant added later sees only what was addressed to them.</summary>
public sealed class ConversationQueries(KindredDbContext db)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 40;
    public const int MaxThread = 200;

    /// <summary>The member's conversations, newest message first, paged by the last status id (as Mastodon).</summary>
    public async Task<IReadOnlyList<ConversationView>> ListAsync(long accountId, Page page, CancellationToken ct = default)
    {
        var rows = await db.ConversationParticipants.AsNoTracking()
            .Where(p => p.AccountId == accountId && !p.Hidden)
            .PageAsync(page, p => p.LastStatusId, MaxLimit, ct);
        return await ViewsAsync(accountId, rows, ct);
    }

    /// <summary>One conversation of the member; "not found" for anyone who is not in it.</summary>
    public async Task<ConversationView> GetAsync(long accountId, long conversationId, CancellationToken ct = default)
    {
        var row = await db.ConversationParticipants.AsNoTracking().FirstOrDefaultAsync(p => p.ConversationId == conversationId && p.AccountId == accountId, ct)
            ?? throw KindredException.NotFound();
        return (await ViewsAsync(accountId, [row], ct))[0];
    }

    /// <summary>The conversation a direct status the member just wrote started or joined.</summary>
    public Task<long> OfStatusAsync(long statusId, CancellationToken ct = default) =>
        db.ConversationStatuses.Where(c => c.StatusId == statusId).Select(c => c.ConversationId).FirstAsync(ct);

    /// <summary>The statuses of a conversation the member may read, oldest first (the newest <see cref="MaxThread"/>).</summary>
    public async Task<IReadOnlyList<Status>> ThreadAsync(long accountId, long conversationId, CancellationToken ct = default)
    {
        if (!await db.ConversationParticipants.AnyAsync(p => p.ConversationId == conversationId && p.AccountId == accountId, ct))
        {
            throw KindredException.NotFound();
        }
        var ids = db.ConversationStatuses.Where(c => c.ConversationId == conversationId).Select(c => c.StatusId);
        var newest = await StatusDetails.WithDetails(db.Statuses.AsNoTracking().VisibleTo(db, Viewer.Member(accountId)))
            .Where(s => ids.Contains(s.Id))
            .OrderByDescending(s => s.Id)
            .Take(MaxThread)
            .ToListAsync(ct);
        newest.Reverse();
        return newest;
    }

    /// <summary>Whether a member of the conversation deleted their account, taking their messages with it (ADR 70).</summary>
    public Task<bool> HasDeletedMemberAsync(long conversationId, CancellationToken ct = default) =>
        db.Conversations.AnyAsync(c => c.Id == conversationId && c.MemberDeletedAt != null, ct);

    public Task<int> UnreadCountAsync(long accountId, CancellationToken ct = default) =>
        db.ConversationParticipants.CountAsync(p => p.AccountId == accountId && p.Unread && !p.Hidden, ct);

    /// <summary>
    /// The conversation rows that posting <paramref name="statusId"/> changed: (conversation, account) for the author and
    /// each recipient, after its SaveChanges. Streaming publishes a "conversation" event to each of these accounts.
    /// </summary>
    public async Task<IReadOnlyList<(long ConversationId, long AccountId)>> ChangedByAsync(long statusId, CancellationToken ct = default)
    {
        var rows = await db.ConversationParticipants.AsNoTracking().Where(p => p.LastStatusId == statusId)
            .Select(p => new { p.ConversationId, p.AccountId }).ToListAsync(ct);
        return rows.Select(r => (r.ConversationId, r.AccountId)).ToList();
    }

    private async Task<IReadOnlyList<ConversationView>> ViewsAsync(long accountId, List<ConversationParticipant> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }
        var conversationIds = rows.Select(r => r.ConversationId).ToList();
        var others = await db.ConversationParticipants.AsNoTracking()
            .Where(p => conversationIds.Contains(p.ConversationId) && p.AccountId != accountId)
            .Select(p => new { p.ConversationId, p.AccountId })
            .ToListAsync(ct);
        var accountIds = others.Select(o => o.AccountId).Append(accountId).Distinct().ToList();
        var accounts = await db.Accounts.AsNoTracking().Visible()
            .Include(a => a.Fields).Include(a => a.Tags).Include(a => a.User)
            .AsSplitQuery()
            .Where(a => accountIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, ct);
        // The newest status of each conversation that the member may still read (deleted or hidden ones drop out).
        var visible = db.Statuses.VisibleTo(db, Viewer.Member(accountId));
        var lastIds = await db.ConversationStatuses
            .Where(c => conversationIds.Contains(c.ConversationId) && visible.Any(s => s.Id == c.StatusId))
            .GroupBy(c => c.ConversationId)
            .Select(g => new { g.Key, Last = g.Max(c => c.StatusId) })
            .ToDictionaryAsync(g => g.Key, g => g.Last, ct);
        var statusIds = lastIds.Values.ToList();
        var statuses = await StatusDetails.WithDetails(db.Statuses.AsNoTracking()).Where(s => statusIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        return rows.Select(r =>
        {
            var people = others.Where(o => o.ConversationId == r.ConversationId && accounts.ContainsKey(o.AccountId)).Select(o => accounts[o.AccountId]).ToList();
            // A note to oneself lists oneself, as Mastodon does.
            if (people.Count == 0 && accounts.TryGetValue(accountId, out var me))
            {
                people.Add(me);
            }
            var last = lastIds.TryGetValue(r.ConversationId, out var lastId) ? statuses.GetValueOrDefault(lastId) : null;
            return new ConversationView(r.ConversationId, r.LastStatusId, r.Unread, people, last);
        }).ToList();
    }
}
