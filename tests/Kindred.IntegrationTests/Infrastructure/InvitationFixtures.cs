using Kindred.Data.Entities;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>Groups and invitation states the invitation tests need, written straight to the database (the groups
/// service is built elsewhere; these tests are about invitations).</summary>
public static class InvitationFixtures
{
    private static int groups;

    public static async Task<Group> CreateGroupAsync(KindredApp app, long ownerId, GroupJoinPolicy policy = GroupJoinPolicy.Open, GroupVisibility visibility = GroupVisibility.Public)
    {
        var n = Interlocked.Increment(ref groups);
        var now = DateTime.UtcNow;
        var group = new Group
        {
            Id = Kindred.Data.Snowflake.NewId(now),
            Slug = $"circle-{n}-{Guid.NewGuid():N}"[..30],
            Name = $"Circle {n}",
            Kind = GroupKind.Interest,
            Visibility = visibility,
            JoinPolicy = policy,
            CreatedById = ownerId,
            CreatedAt = now,
            UpdatedAt = now,
            MembersCount = 1,
        };
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, AccountId = ownerId, Role = GroupRole.Owner, CreatedAt = now });
            await db.SaveChangesAsync();
        });
        return group;
    }

    public static Task AddMemberAsync(KindredApp app, long groupId, long accountId, GroupRole role = GroupRole.Member) =>
        app.WithDbAsync(async db =>
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, AccountId = accountId, Role = role, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    public static Task BanAsync(KindredApp app, long groupId, long accountId) =>
        app.WithDbAsync(async db =>
        {
            db.GroupBans.Add(new GroupBan { GroupId = groupId, AccountId = accountId, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
}
