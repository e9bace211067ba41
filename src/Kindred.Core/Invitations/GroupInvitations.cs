using Kindred.Core.Common;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Invitations;

/// <summary>Invitations into a group: who may send one, and the one place that makes its holder a member.</summary>
public sealed class GroupInvitations(KindredDbContext db)
{
    /// <summary>
    /// A member of an open or approval group may invite into it; into an invitation-only group only its moderators,
    /// admins and owner may. Someone who is not a member (a secret group's outsiders included) may not.
    /// </summary>
    public async Task<bool> MayInviteAsync(long accountId, long groupId, CancellationToken ct)
    {
        var row = await db.GroupMemberships.AsNoTracking()
            .Where(m => m.GroupId == groupId && m.AccountId == accountId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { m.Role, g.JoinPolicy })
            .FirstOrDefaultAsync(ct);
        return row is not null && (row.JoinPolicy != GroupJoinPolicy.InviteOnly || GroupAccess.CanModerate(row.Role));
    }

    /// <summary>The groups <paramref name="accountId"/> may invite into, by name, for the invitation forms.</summary>
    public async Task<List<(long Id, string Name)>> InvitableAsync(long accountId, CancellationToken ct)
    {
        var moderating = db.GroupMemberships.Where(m => m.AccountId == accountId).InRoles(GroupAccess.CanModerate);
        var rows = await db.GroupMemberships.AsNoTracking()
            .Where(m => m.AccountId == accountId)
            .Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => new { g.Id, g.Name, g.JoinPolicy })
            .Where(r => r.JoinPolicy != GroupJoinPolicy.InviteOnly || moderating.Any(m => m.GroupId == r.Id))
            .OrderBy(r => r.Name)
            .Take(200)
            .ToListAsync(ct);
        return rows.Select(r => (r.Id, r.Name)).ToList();
    }

    /// <summary>
    /// Makes the holder of an invitation into a group a member of it, bypassing the group's join policy (the
    /// invitation is the approval): a Member-role row that remembers the invitation, and the group's member count
    /// kept in step. Nothing happens for someone banned from the group or already in it; the answer says whether
    /// they joined. Runs inside the caller's transaction (sign-up or accepting), so both land or neither does.
    /// </summary>
    public async Task<bool> AddMemberFromInvitationAsync(long groupId, long accountId, long invitationId, DateTime now, CancellationToken ct)
    {
        if (await db.GroupBans.AnyAsync(b => b.GroupId == groupId && b.AccountId == accountId, ct)
            || await db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == accountId, ct))
        {
            return false;
        }
        // A pending request is replaced by the membership: a person is in at most one of member/requested/banned.
        await db.GroupMembershipRequests.Where(r => r.GroupId == groupId && r.AccountId == accountId).ExecuteDeleteAsync(ct);
        await db.Notifications.Where(n => n.GroupId == groupId && n.FromAccountId == accountId && n.Type == NotificationTypes.GroupRequest).ExecuteDeleteAsync(ct);
        db.GroupMemberships.Add(new GroupMembership
        {
            GroupId = groupId,
            AccountId = accountId,
            Role = GroupRole.Member,
            CreatedAt = now,
            // The rules were shown with the invitation; accepting it accepts them.
            RulesAcceptedAt = now,
            InvitationId = invitationId,
        });
        await db.SaveChangesAsync(ct);
        await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.MembersCount, g => g.MembersCount + 1), ct);
        return true;
    }
}
