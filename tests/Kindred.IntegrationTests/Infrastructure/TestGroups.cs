using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// Groups written straight into the database, for tests of read paths that do not depend on how groups are created
/// (the public pages and feeds); the group service has its own tests.
/// </summary>
public static class TestGroups
{
    private static long next = 7_000_000_000_000;

    public static async Task<Group> CreateAsync(KindredApp app, string slug, GroupVisibility visibility, long ownerId, string? description = null, DateTime? lastStatusAt = null, int members = 1)
    {
        var now = DateTime.UtcNow;
        var group = new Group
        {
            Id = Interlocked.Increment(ref next),
            Slug = slug,
            Name = "Group " + slug,
            Description = description ?? "",
            DescriptionHtml = description is null ? "" : "<p>" + System.Net.WebUtility.HtmlEncode(description) + "</p>",
            Visibility = visibility,
            CreatedById = ownerId,
            CreatedAt = now,
            UpdatedAt = now,
            LastStatusAt = lastStatusAt,
            MembersCount = members,
        };
        await app.WithDbAsync(async db =>
        {
            db.Groups.Add(group);
            db.GroupMemberships.Add(new GroupMembership { GroupId = group.Id, AccountId = ownerId, Role = GroupRole.Owner, CreatedAt = now });
            await db.SaveChangesAsync();
        });
        return group;
    }

    public static Task JoinAsync(KindredApp app, long groupId, long accountId) =>
        app.WithDbAsync(async db =>
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, AccountId = accountId, Role = GroupRole.Member, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    /// <summary>Puts an existing status into a group, as posting with a group id would.</summary>
    public static Task MoveIntoAsync(KindredApp app, string statusId, long groupId) =>
        app.WithDbAsync(db => db.Statuses.Where(s => s.Id == long.Parse(statusId, System.Globalization.CultureInfo.InvariantCulture))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.GroupId, groupId)));
}
