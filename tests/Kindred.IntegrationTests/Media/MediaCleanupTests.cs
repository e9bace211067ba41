using Kindred.Core.Media;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Media;

/// <summary>The hourly media cleanup leaves no file behind that no row points at (ADR 70): group and member pictures
/// too, and the images of a status removed outright.</summary>
public abstract class MediaCleanupTests(KindredApp app)
{
    private Task<int> CleanupAsync() => app.WithServicesAsync(s => s.GetRequiredService<MediaService>().CleanupAsync());

    private string Write(string relative, TimeSpan age)
    {
        var path = Path.Combine(app.DataDirectory, "media", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, TestImages.Png());
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }

    [Fact]
    public async Task PicturesOfGroupsAndMembersThatNoRowPointsAtAreRemovedOnceOldEnough()
    {
        var owner = await app.CreateUserAsync("mc_owner");
        var group = await TestGroups.CreateAsync(app, "mc-garden", GroupVisibility.Public, owner.Id);
        var day = TimeSpan.FromDays(2);
        var used = Write($"group-avatars/{group.Id}-aaaaaaaaaaaaaaaa.png", day);
        var usedHeader = Write($"group-headers/{group.Id}-bbbbbbbbbbbbbbbb.png", day);
        var usedAvatar = Write($"avatars/{owner.Id}-cccccccccccccccc.png", day);
        await app.WithDbAsync(async db =>
        {
            await db.Groups.Where(g => g.Id == group.Id).ExecuteUpdateAsync(s => s
                .SetProperty(g => g.AvatarFile, $"group-avatars/{group.Id}-aaaaaaaaaaaaaaaa.png")
                .SetProperty(g => g.HeaderFile, $"group-headers/{group.Id}-bbbbbbbbbbbbbbbb.png"));
            await db.Accounts.Where(a => a.Id == owner.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.AvatarFile, $"avatars/{owner.Id}-cccccccccccccccc.png"));
        });
        var orphans = new[]
        {
            Write($"group-avatars/{group.Id}-dddddddddddddddd.png", day),
            Write("group-headers/99-eeeeeeeeeeeeeeee.png", day),
            Write($"avatars/{owner.Id}-ffffffffffffffff.png", day),
            Write("attachments/0123456789abcdef0123456789abcdef.png", day),
            Write("group-avatars/98-0000000000000000.png.tmp", day),
        };
        // Written a moment ago: its row may be on its way.
        var fresh = Write("group-avatars/97-1111111111111111.png", TimeSpan.FromMinutes(5));

        await CleanupAsync();

        Assert.All(orphans, f => Assert.False(File.Exists(f), f));
        Assert.All(new[] { used, usedHeader, usedAvatar, fresh }, f => Assert.True(File.Exists(f), f));
    }

    [Fact]
    public async Task ImagesOfAStatusRemovedOutrightAreRemovedWithTheirFiles()
    {
        var member = await app.CreateUserAsync("mc_member");
        var file = Write("attachments/22222222222222222222222222222222.png", TimeSpan.FromMinutes(10));
        var thumbnail = Write("attachments/33333333333333333333333333333333.png", TimeSpan.FromMinutes(10));
        var id = Snowflake.NewId(DateTime.UtcNow);
        await app.WithDbAsync(async db =>
        {
            // What a status's hard delete leaves: its foreign key set to null, and no "unattached since".
            db.MediaAttachments.Add(new MediaAttachment
            {
                Id = id,
                AccountId = member.Id,
                File = "attachments/22222222222222222222222222222222.png",
                ThumbnailFile = "attachments/33333333333333333333333333333333.png",
                CreatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        await CleanupAsync();

        Assert.False(await app.WithDbAsync(db => db.MediaAttachments.AnyAsync(m => m.Id == id)));
        Assert.False(File.Exists(file));
        Assert.False(File.Exists(thumbnail));
    }
}

public sealed class MediaCleanupSqliteTests(SqliteApp app) : MediaCleanupTests(app), IClassFixture<SqliteApp>;

public sealed class MediaCleanupPostgresTests(PostgresApp app) : MediaCleanupTests(app), IClassFixture<PostgresApp>;
