using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.KindredApi.Models;
using Kindred.Server.Mastodon.Models;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Mastodon.Rendering;

/// <summary>Turns groups into the Truth Social / Soapbox Group shape, a batch at a time (owners and tags in one query each).</summary>
public sealed class GroupRenderer(KindredDbContext db, PublicUrls urls)
{
    /// <summary>Loads groups by id (the caller has decided they may be seen) and renders them by id.</summary>
    public async Task<IReadOnlyDictionary<long, MastodonGroup>> RenderIdsAsync(IReadOnlyCollection<long> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<long, MastodonGroup>();
        }
        var groups = await db.Groups.AsNoTracking().Include(g => g.Tags).Include(g => g.Questions).AsSplitQuery().Where(g => ids.Contains(g.Id)).ToListAsync(ct);
        return (await RenderManyAsync(groups, ct)).ToDictionary(g => long.Parse(g.Id, CultureInfo.InvariantCulture));
    }

    public async Task<MastodonGroup> RenderAsync(Group group, CancellationToken ct = default) => (await RenderManyAsync([group], ct))[0];

    /// <param name="groups">Loaded with their tags and questions.</param>
    public async Task<IReadOnlyList<MastodonGroup>> RenderManyAsync(IReadOnlyList<Group> groups, CancellationToken ct = default)
    {
        var ids = groups.Select(g => g.Id).Distinct().ToList();
        var owners = await db.GroupMemberships.Where(m => ids.Contains(m.GroupId) && m.Role == GroupRole.Owner)
            .Select(m => new { m.GroupId, m.AccountId }).ToDictionaryAsync(m => m.GroupId, m => m.AccountId, ct);
        return groups.Select(g => Render(g, owners.TryGetValue(g.Id, out var owner) ? owner : null)).ToList();
    }

    private MastodonGroup Render(Group group, long? ownerId)
    {
        var id = group.Id.ToString(CultureInfo.InvariantCulture);
        var avatar = urls.Media(group.AvatarFile, "/img/avatar.png");
        var header = urls.Media(group.HeaderFile, "/img/header.png");
        var url = urls.Absolute("/groups/" + group.Slug);
        return new MastodonGroup
        {
            Id = id,
            DisplayName = group.Name,
            Slug = group.Slug,
            Note = SafeHtml.Clean(group.DescriptionHtml),
            Source = new MastodonGroupSource(group.Description),
            Avatar = avatar,
            AvatarStatic = avatar,
            Header = header,
            HeaderStatic = header,
            CreatedAt = MastodonTime.Format(group.CreatedAt),
            GroupVisibility = group.Visibility == GroupVisibility.Public ? "everyone" : "members_only",
            StatusesVisibility = group.Visibility == GroupVisibility.Public ? "public" : "members_only",
            MembershipRequired = group.Visibility != GroupVisibility.Public,
            Locked = group.JoinPolicy != GroupJoinPolicy.Open,
            Discoverable = group.Visibility != GroupVisibility.Secret,
            MembersCount = group.MembersCount,
            Owner = ownerId is { } owner ? new MastodonGroupOwner(owner.ToString(CultureInfo.InvariantCulture)) : null,
            Tags = group.Tags.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new MastodonGroupTag(t.Name, t.Display, urls.Absolute("/tags/" + Uri.EscapeDataString(t.Name)))).ToList(),
            Uri = url,
            Url = url,
            Kindred = new KindredGroup
            {
                Visibility = VisibilityName(group.Visibility),
                JoinPolicy = JoinPolicyName(group.JoinPolicy),
                Kind = group.Kind switch { GroupKind.Place => "place", GroupKind.Both => "both", _ => "interest" },
                Rules = group.Rules,
                RulesHtml = SafeHtml.Clean(group.RulesHtml),
                Questions = group.Questions.OrderBy(q => q.Position).Select(q => q.Text).ToList(),
                AreaName = group.AreaName,
                Latitude = group.Latitude,
                Longitude = group.Longitude,
                RadiusKm = group.RadiusKm,
                ParentId = group.ParentId?.ToString(CultureInfo.InvariantCulture),
                SurfaceInParent = group.SurfaceInParent,
                LastStatusAt = group.LastStatusAt is { } last ? MastodonTime.Format(last) : null,
            },
        };
    }

    public static MastodonGroupRelationship RenderRelationship(GroupRelationship relationship, bool pendingRequests) => new()
    {
        Id = relationship.GroupId.ToString(CultureInfo.InvariantCulture),
        Member = relationship.Member,
        Requested = relationship.Requested,
        Role = relationship.Role is { } role ? RoleName(role) : null,
        Banned = relationship.Banned,
        Notifying = null,
        PendingRequests = pendingRequests,
    };

    /// <summary>Truth Social's role names, with Kindred's moderator between admin and member.</summary>
    public static string RoleName(GroupRole role) => role switch
    {
        GroupRole.Owner => "owner",
        GroupRole.Admin => "admin",
        GroupRole.Moderator => "moderator",
        _ => "user",
    };

    public static GroupRole? ParseRole(string? value, string field = "role") => value switch
    {
        null or "" => null,
        "owner" => GroupRole.Owner,
        "admin" => GroupRole.Admin,
        "moderator" => GroupRole.Moderator,
        "user" or "member" => GroupRole.Member,
        _ => throw KindredException.Invalid(field, $"{field} must be owner, admin, moderator or user."),
    };

    public static string VisibilityName(GroupVisibility visibility) => visibility switch
    {
        GroupVisibility.Members => "members_only",
        GroupVisibility.Secret => "secret",
        _ => "public",
    };

    public static string JoinPolicyName(GroupJoinPolicy policy) => policy switch
    {
        GroupJoinPolicy.Approval => "approval",
        GroupJoinPolicy.InviteOnly => "invite_only",
        _ => "open",
    };

}
