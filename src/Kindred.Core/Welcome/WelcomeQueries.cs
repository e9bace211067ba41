using Kindred.Core.Common;
using Kindred.Data;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Welcome;

/// <summary>
/// What a newcomer's welcome page and first-week checklist read (ADR 91): only the member's own rows, so nothing here
/// can show them what they may not see. The suggestions beside them come from the features' own queries and rules.
/// </summary>
public sealed class WelcomeQueries(KindredDbContext db, OrganizationSettings organization, TimeProvider time)
{
    /// <summary>How long the checklist stays on the home page of a new account.</summary>
    public static readonly TimeSpan FirstWeek = TimeSpan.FromDays(7);

    /// <summary>The member's checklist, each item ticked from their own data.</summary>
    /// <exception cref="KindredException">NotFound when the account has no local user.</exception>
    public async Task<WelcomeChecklist> ChecklistAsync(long accountId, CancellationToken ct = default)
    {
        var organizationId = (await organization.GetAsync(ct)).AccountId;
        var row = await db.Users.AsNoTracking().Where(u => u.Id == accountId)
            .Select(u => new
            {
                u.CreatedAt,
                u.ChecklistDismissedAt,
                u.Account.Username,
                u.Account.DisplayName,
                u.Account.AvatarFile,
                u.Account.AreaName,
                u.Account.Latitude,
                InGroup = db.GroupMemberships.Any(m => m.AccountId == accountId),
                Answered = db.EventRsvps.Any(r => r.AccountId == accountId),
                // Any request or offer of their own counts, even one since closed: they have found how help works here.
                AskedOrOffered = db.AidItems.Any(i => i.AccountId == accountId),
                Follows = organizationId != null && db.Follows.Any(f => f.AccountId == accountId && f.TargetAccountId == organizationId),
            })
            .FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        return new WelcomeChecklist(
            string.IsNullOrWhiteSpace(row.DisplayName) ? row.Username : row.DisplayName,
            time.UtcNow() - row.CreatedAt < FirstWeek,
            row.ChecklistDismissedAt is not null,
            row.AvatarFile is not null,
            !string.IsNullOrWhiteSpace(row.AreaName) || row.Latitude is not null,
            row.InGroup,
            row.Answered,
            row.AskedOrOffered,
            organizationId is not null,
            row.Follows);
    }

    /// <summary>The group the member's invitation named, when sign-up made them a member of it; null otherwise (no
    /// invitation, no group, or they have left it since).</summary>
    public Task<WelcomeGroup?> InvitedGroupAsync(long accountId, CancellationToken ct = default) =>
        db.Users.AsNoTracking().Where(u => u.Id == accountId && u.InvitationId != null)
            .Join(db.Invitations, u => u.InvitationId, i => (long?)i.Id, (u, i) => i.GroupId)
            .Join(db.Groups, groupId => groupId, g => (long?)g.Id, (groupId, g) => g)
            .Where(g => db.GroupMemberships.Any(m => m.GroupId == g.Id && m.AccountId == accountId))
            .Select(g => new WelcomeGroup(g.Id, g.Name, g.Slug))
            .FirstOrDefaultAsync(ct);
}
