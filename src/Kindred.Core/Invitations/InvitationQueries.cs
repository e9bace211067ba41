using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Invitations;

/// <summary>Reading invitations: a member's own (anyone else's is a 404), who joined through them, the invitation page,
/// and for staff the referral tree.</summary>
public sealed class InvitationQueries(KindredDbContext db, GroupInvitations groupInvitations, TimeProvider time)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 80;
    public const int MaxTreeDepth = 6;
    public const int MaxChildrenShown = 100;

    public Task<List<Invitation>> MineAsync(long memberId, Page page, CancellationToken ct = default) =>
        db.Invitations.AsNoTracking().Where(i => i.CreatedById == memberId).PageAsync(page, i => i.Id, MaxLimit, ct);

    public async Task<Invitation> GetMineAsync(long memberId, long id, CancellationToken ct = default) =>
        await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id && i.CreatedById == memberId, ct)
        ?? throw KindredException.NotFound("No such invitation.");

    /// <summary>The accounts that joined through one of the member's invitations (active ones), newest first, paged by account id.</summary>
    public async Task<List<Account>> JoinedAsync(long memberId, long invitationId, Page page, CancellationToken ct = default)
    {
        await GetMineAsync(memberId, invitationId, ct);
        var ids = await db.Users.AsNoTracking()
            .Active().Where(u => u.InvitationId == invitationId)
            .Select(u => u.Id)
            .PageAsync(page, id => id, MaxLimit, ct);
        var accounts = await db.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        return ids.Select(id => accounts.First(a => a.Id == id)).ToList();
    }

    /// <summary>Who joined through each of <paramref name="invitationIds"/>, for the my-invitations page.</summary>
    public async Task<Dictionary<long, List<JoinedAccount>>> JoinedByInvitationAsync(IReadOnlyCollection<long> invitationIds, CancellationToken ct = default)
    {
        var rows = await db.Users.AsNoTracking()
            .Active().Where(u => u.InvitationId != null && invitationIds.Contains(u.InvitationId.Value))
            .OrderBy(u => u.Id)
            .Select(u => new { InvitationId = u.InvitationId!.Value, u.Id, u.Account.Username, u.Account.DisplayName, u.CreatedAt })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.InvitationId)
            .ToDictionary(g => g.Key, g => g.Select(r => new JoinedAccount(r.Id, r.Username, r.DisplayName, r.CreatedAt)).ToList());
    }

    public Task<Dictionary<long, string>> GroupNamesAsync(IReadOnlyCollection<long> groupIds, CancellationToken ct = default) =>
        db.Groups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.Name, ct);

    public Task<List<(long Id, string Name)>> InvitableGroupsAsync(long accountId, CancellationToken ct = default) =>
        groupInvitations.InvitableAsync(accountId, ct);

    public Task<bool> IsGroupMemberAsync(long accountId, long groupId, CancellationToken ct = default) =>
        db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == accountId, ct);

    /// <summary>Everything the invitation page at /invite/{code} shows.</summary>
    public async Task<InvitationLanding> LandingAsync(string? code, CancellationToken ct = default)
    {
        var organization = await db.Organizations.AsNoTracking().FirstOrDefaultAsync(ct);
        var trimmed = (code ?? "").Trim();
        var invitation = trimmed.Length is 0 or > 64 ? null : await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.Code == trimmed, ct);
        var state = InvitationStates.Of(invitation, time.UtcNow());
        if (invitation is null || state != InvitationState.Active)
        {
            // A link that no longer works says why, and nothing more about who sent it or where it led.
            return new InvitationLanding(invitation, state, null, null, organization);
        }
        var inviter = invitation.CreatedById is { } by
            ? await db.Accounts.AsNoTracking().Visible().FirstOrDefaultAsync(a => a.Id == by && a.Domain == null, ct)
            : null;
        // The invitation itself is the permission to learn the group's name, even a secret one's.
        var group = invitation.GroupId is { } groupId ? await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct) : null;
        return new InvitationLanding(invitation, state, inviter, group, organization);
    }

    /// <summary>
    /// The referral tree for staff. Without <paramref name="rootId"/>: the people nobody invited who brought someone,
    /// most total referrals first, <paramref name="limit"/> at a time; with it: that person's branch. Each shown person
    /// carries their direct and total referrals and their activity; branches deeper than <paramref name="depth"/> are
    /// cut (their counts stay), so a large community pages by branch instead of rendering everyone at once.
    /// </summary>
    public async Task<ReferralTree> ReferralsAsync(long? rootId, int offset, int limit, int depth, CancellationToken ct = default)
    {
        depth = Math.Clamp(depth, 1, MaxTreeDepth);
        limit = Math.Clamp(limit, 1, MaxLimit);
        offset = Math.Max(0, offset);
        // Two numbers per invited member: small enough to hold even for a large community, and the counts need them all.
        var edges = await db.Users.AsNoTracking().Where(u => u.InvitedById != null).Select(u => new { u.Id, By = u.InvitedById!.Value }).ToListAsync(ct);
        var children = edges.GroupBy(e => e.By).ToDictionary(g => g.Key, g => g.Select(e => e.Id).OrderBy(id => id).ToList());
        var totals = new Dictionary<long, int>();
        int Total(long id)
        {
            if (totals.TryGetValue(id, out var known))
            {
                return known;
            }
            // Iterative, so a long chain of referrals cannot overflow the stack.
            var count = 0;
            var stack = new Stack<long>([id]);
            var seen = new HashSet<long> { id };
            while (stack.Count > 0)
            {
                if (!children.TryGetValue(stack.Pop(), out var kids))
                {
                    continue;
                }
                foreach (var kid in kids.Where(seen.Add))
                {
                    count++;
                    stack.Push(kid);
                }
            }
            totals[id] = count;
            return count;
        }

        List<long> rootIds;
        int rootCount;
        if (rootId is { } root)
        {
            if (!await db.Users.AnyAsync(u => u.Id == root, ct))
            {
                throw KindredException.NotFound("No such member.");
            }
            rootIds = [root];
            rootCount = 1;
        }
        else
        {
            var invited = edges.Select(e => e.Id).ToHashSet();
            var tops = children.Keys.Where(id => !invited.Contains(id)).OrderByDescending(Total).ThenBy(id => id).ToList();
            rootCount = tops.Count;
            rootIds = tops.Skip(offset).Take(limit).ToList();
        }

        // Which people the page shows, level by level, so their details load in one batch.
        var shown = new List<long>(rootIds);
        var level = rootIds;
        for (var d = 0; d < depth; d++)
        {
            level = level.SelectMany(id => children.TryGetValue(id, out var kids) ? kids.Take(MaxChildrenShown) : []).ToList();
            shown.AddRange(level);
        }
        var details = await DetailsAsync(shown, ct);

        ReferralNode Node(long id, int remaining)
        {
            var kids = children.TryGetValue(id, out var list) ? list : [];
            var visible = remaining > 0 ? kids.Take(MaxChildrenShown).Where(details.ContainsKey).Select(k => Node(k, remaining - 1)).ToList() : [];
            var d = details[id];
            return new ReferralNode(id, d.Username, d.DisplayName, d.JoinedAt, d.InvitedById, kids.Count, Total(id), d.Posts, d.LastActiveAt, visible, kids.Count - visible.Count);
        }
        var roots = rootIds.Where(details.ContainsKey).Select(id => Node(id, depth)).ToList();
        return new ReferralTree(roots, rootCount, offset, limit, depth);
    }

    private async Task<Dictionary<long, (string Username, string DisplayName, DateTime JoinedAt, long? InvitedById, int Posts, DateTime? LastActiveAt)>> DetailsAsync(List<long> ids, CancellationToken ct)
    {
        var since = time.UtcNow() - TimeSpan.FromDays(30);
        var result = new Dictionary<long, (string, string, DateTime, long?, int, DateTime?)>();
        foreach (var chunk in ids.Distinct().Chunk(500))
        {
            var people = await db.Users.AsNoTracking().Where(u => chunk.Contains(u.Id))
                .Select(u => new { u.Id, u.Account.Username, u.Account.DisplayName, u.CreatedAt, u.InvitedById, u.LastSignInAt, u.Account.LastStatusAt })
                .ToListAsync(ct);
            var posts = await db.Statuses.AsNoTracking()
                .Where(s => chunk.Contains(s.AccountId) && s.CreatedAt >= since && s.DeletedAt == null && s.ReblogOfId == null)
                .GroupBy(s => s.AccountId)
                .Select(g => new { AccountId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(g => g.AccountId, g => g.Count, ct);
            foreach (var p in people)
            {
                DateTime? last = p.LastSignInAt is { } signIn && (p.LastStatusAt is null || signIn > p.LastStatusAt) ? signIn : p.LastStatusAt;
                result[p.Id] = (p.Username, p.DisplayName, p.CreatedAt, p.InvitedById, posts.GetValueOrDefault(p.Id), last);
            }
        }
        return result;
    }
}
