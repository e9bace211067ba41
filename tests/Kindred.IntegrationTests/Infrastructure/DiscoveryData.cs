using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>Groups, memberships, home areas and interests written straight into the test database, for the directory
/// and suggestion tests (which read them; the writes belong to other features).</summary>
public static class DiscoveryData
{
    public static Task<Group> AddGroupAsync(
        this KindredApp app,
        string slug,
        long ownerId,
        GroupVisibility visibility = GroupVisibility.Public,
        GroupKind kind = GroupKind.Interest,
        double? lat = null,
        double? lon = null,
        int? radiusKm = null,
        string[]? tags = null,
        string? description = null,
        GroupJoinPolicy joinPolicy = GroupJoinPolicy.Open,
        DateTime? lastStatusAt = null,
        int membersCount = 1,
        string? name = null,
        string? areaName = null) =>
        app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var group = new Group
            {
                Id = Snowflake.NewId(),
                Slug = slug,
                Name = name ?? slug.Replace('-', ' '),
                Description = description ?? "",
                DescriptionHtml = description is null ? "" : SafeHtml.PlainTextToHtml(description),
                Kind = kind,
                Visibility = visibility,
                JoinPolicy = joinPolicy,
                Latitude = lat,
                Longitude = lon,
                RadiusKm = radiusKm,
                AreaName = areaName,
                CreatedById = ownerId,
                CreatedAt = now,
                UpdatedAt = now,
                LastStatusAt = lastStatusAt,
                MembersCount = membersCount,
            };
            foreach (var tag in tags ?? [])
            {
                group.Tags.Add(new GroupTag { Name = TagNames.Normalize(tag), Display = tag });
            }
            db.Groups.Add(group);
            db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, AccountId = ownerId, Role = GroupRole.Owner, CreatedAt = now });
            await db.SaveChangesAsync();
            return group;
        });

    public static Task JoinAsync(this KindredApp app, long groupId, long accountId) =>
        app.WithDbAsync(async db =>
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, AccountId = accountId, Role = GroupRole.Member, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    /// <summary>Removes a membership and bans, as a group moderator would.</summary>
    public static Task BanAsync(this KindredApp app, long groupId, long accountId) =>
        app.WithDbAsync(async db =>
        {
            await db.GroupMemberships.Where(m => m.GroupId == groupId && m.AccountId == accountId).ExecuteDeleteAsync();
            db.GroupBans.Add(new GroupBan { GroupId = groupId, AccountId = accountId, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    public static Task RequestToJoinAsync(this KindredApp app, long groupId, long accountId) =>
        app.WithDbAsync(async db =>
        {
            db.GroupMembershipRequests.Add(new GroupMembershipRequest { Id = Snowflake.NewId(), GroupId = groupId, AccountId = accountId, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    public static Task SetHomeAsync(this KindredApp app, long accountId, double lat, double lon, string? areaName = null, ProfileVisibility visibility = ProfileVisibility.Members) =>
        app.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Latitude, lat)
            .SetProperty(a => a.Longitude, lon)
            .SetProperty(a => a.AreaName, areaName)
            .SetProperty(a => a.AreaVisibility, visibility)));

    public static Task SetInterestsAsync(this KindredApp app, long accountId, string[] interests, ProfileVisibility visibility = ProfileVisibility.Public) =>
        app.WithDbAsync(async db =>
        {
            await db.AccountTags.Where(t => t.AccountId == accountId).ExecuteDeleteAsync();
            foreach (var interest in interests)
            {
                db.AccountTags.Add(new AccountTag { AccountId = accountId, Kind = AccountTagKind.Interest, Name = TagNames.Normalize(interest), Display = interest });
            }
            await db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(s => s.SetProperty(a => a.TagsVisibility, visibility));
            await db.SaveChangesAsync();
        });
}
