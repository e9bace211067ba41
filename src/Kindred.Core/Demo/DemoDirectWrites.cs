using System.Security.Cryptography;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Demo;

/// <summary>
/// The only rows the demo seeder writes without a core service: groups, memberships, join requests, a post's group,
/// invitations and the referral memory of a sign-up. The group and invitation services were being written alongside
/// the seeder; when they land, each method here becomes a call to them (GroupService create/join/approve/post,
/// InvitationService create/accept) and this class goes away. Until then these writes keep the invariants of ADR 20:
/// one owner per group, MembersCount equal to the memberships, LastStatusAt the newest post's time, and posts of
/// non-public groups members-only.
/// </summary>
public sealed class DemoDirectWrites(KindredDbContext db, TimeProvider time)
{
    private const string CodeAlphabet = "abcdefghjkmnpqrstuvwxyz23456789";

    public async Task<long> CreateGroupAsync(DemoGroupSpec spec, long ownerId, long? parentId, CancellationToken ct)
    {
        var now = time.UtcNow();
        (double Lat, double Lon)? centre = spec.Area is { } area
            ? CoarseLocation.Round(DemoContent.Areas[area].Latitude, DemoContent.Areas[area].Longitude)
            : spec.RadiusKm is not null ? CoarseLocation.Round(45.5088, -73.5878) : null;
        var group = new Group
        {
            Id = Snowflake.NewId(now),
            Slug = spec.Slug,
            Name = spec.Name,
            Description = spec.Description,
            DescriptionHtml = SafeHtml.RenderMarkdown(spec.Description),
            Rules = spec.Rules,
            RulesHtml = spec.Rules.Length == 0 ? "" : SafeHtml.RenderMarkdown(spec.Rules),
            Kind = spec.Kind,
            Visibility = spec.Visibility,
            JoinPolicy = spec.JoinPolicy,
            AreaName = spec.Area is { } a ? DemoContent.Areas[a].Name : spec.RadiusKm is not null ? DemoContent.OrganizationArea : null,
            Latitude = centre?.Lat,
            Longitude = centre?.Lon,
            RadiusKm = spec.RadiusKm,
            ParentId = parentId,
            CreatedById = ownerId,
            CreatedAt = now,
            UpdatedAt = now,
            MembersCount = 1,
            Tags = spec.Tags.Select(t => new GroupTag { Name = TagNames.Normalize(t), Display = t }).ToList(),
            Questions = (spec.Questions ?? []).Select((q, i) => new GroupQuestion { Position = i, Text = q }).ToList(),
        };
        db.Groups.Add(group);
        db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, AccountId = ownerId, Role = GroupRole.Owner, CreatedAt = now, RulesAcceptedAt = now });
        await db.SaveChangesAsync(ct);
        return group.Id;
    }

    public async Task AddMemberAsync(long groupId, long accountId, GroupRole role, long? invitationId, CancellationToken ct)
    {
        var now = time.UtcNow();
        db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, AccountId = accountId, Role = role, CreatedAt = now, RulesAcceptedAt = now, InvitationId = invitationId });
        await db.SaveChangesAsync(ct);
        await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.MembersCount, g => g.MembersCount + 1), ct);
    }

    public async Task RequestToJoinAsync(long groupId, long accountId, string[] answers, CancellationToken ct)
    {
        db.GroupMembershipRequests.Add(new GroupMembershipRequest
        {
            Id = Snowflake.NewId(time.UtcNow()),
            GroupId = groupId,
            AccountId = accountId,
            Answer1 = answers.ElementAtOrDefault(0) ?? "",
            Answer2 = answers.ElementAtOrDefault(1) ?? "",
            Answer3 = answers.ElementAtOrDefault(2) ?? "",
            CreatedAt = time.UtcNow(),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Files a status the StatusService just wrote (with the group's audience) into its group.</summary>
    public async Task FileInGroupAsync(long statusId, long groupId, bool pin, CancellationToken ct)
    {
        var now = time.UtcNow();
        DateTime? pinnedAt = pin ? now : null;
        await db.Statuses.Where(s => s.Id == statusId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.GroupId, groupId).SetProperty(x => x.GroupPinnedAt, pinnedAt), ct);
        await db.Groups.Where(g => g.Id == groupId && (g.LastStatusAt == null || g.LastStatusAt < now))
            .ExecuteUpdateAsync(s => s.SetProperty(g => g.LastStatusAt, now), ct);
    }

    public async Task<long> CreateInvitationAsync(long createdById, string? email, string note, int? maxUses, DateTime? expiresAt, long? groupId, bool revoked, CancellationToken ct)
    {
        var now = time.UtcNow();
        var invitation = new Invitation
        {
            Id = Snowflake.NewId(now),
            // Random like InvitationService's codes: a demo server may be reachable, and codes are a way in.
            Code = RandomNumberGenerator.GetString(CodeAlphabet, 12),
            CreatedById = createdById,
            Email = email,
            Note = note,
            MaxUses = maxUses,
            ExpiresAt = expiresAt,
            CreatedAt = now,
            Revoked = revoked,
            GroupId = groupId,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        return invitation.Id;
    }

    /// <summary>What a sign-up through an invitation remembers: who invited the newcomer and through which link.</summary>
    public async Task RecordInvitationUseAsync(long userId, long invitationId, bool signUp, CancellationToken ct)
    {
        var invitation = await db.Invitations.FirstAsync(i => i.Id == invitationId, ct);
        invitation.Uses++;
        if (signUp)
        {
            var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
            user.InvitationId = invitation.Id;
            user.InvitedById = invitation.CreatedById;
        }
        await db.SaveChangesAsync(ct);
    }
}
