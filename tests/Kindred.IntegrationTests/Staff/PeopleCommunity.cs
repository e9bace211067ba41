using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Staff;

/// <summary>Writes a member's history straight into the database at times a test chooses (whole seconds, so both
/// databases keep them exactly). Ids come from <see cref="Snowflake.NewId(DateTime)"/> alone: it never gives the same id
/// twice in a process, where an added random offset made two rows of one community collide now and then.</summary>
public static class PeopleCommunity
{
    public static Task ShapeAsync(StaffApp app, long userId, Action<User> shape) =>
        app.WithDbAsync(async db =>
        {
            var user = await db.Users.Include(u => u.Account).SingleAsync(u => u.Id == userId);
            shape(user);
            await db.SaveChangesAsync();
        });

    public static Task AddAsync(StaffApp app, Action<KindredDbContext> add) =>
        app.WithDbAsync(async db =>
        {
            add(db);
            await db.SaveChangesAsync();
        });

    public static StaffTag Tag(long accountId, string name, long by, DateTime at, DateTime? removedAt = null) => new()
    {
        Id = Snowflake.NewId(at),
        AccountId = accountId,
        Name = name,
        NameNormalized = name.ToLowerInvariant(),
        AddedById = by,
        AddedAt = at,
        RemovedAt = removedAt,
        RemovedById = removedAt is null ? null : by,
    };

    public static Status Post(long accountId, DateTime at, string text = "Hello", Audience visibility = Audience.Public) => new()
    {
        Id = Snowflake.NewId(at),
        AccountId = accountId,
        Text = text,
        ContentHtml = "<p>" + text + "</p>",
        Visibility = visibility,
        CreatedAt = at,
    };

    public static Group Group(string slug, long createdBy, DateTime at, long? parentId = null, GroupVisibility visibility = GroupVisibility.Public) => new()
    {
        Id = Snowflake.NewId(at),
        Slug = slug,
        Name = slug,
        CreatedById = createdBy,
        CreatedAt = at,
        UpdatedAt = at,
        ParentId = parentId,
        Visibility = visibility,
    };
}
