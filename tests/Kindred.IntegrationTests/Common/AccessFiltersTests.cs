using Kindred.Core.Accounts;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Common;

/// <summary>
/// The access vocabulary of <c>Core/Common</c> (ADR 50) translated by each database: blocks either way, active users,
/// live mutes, roles through <see cref="Roles"/>, and the one "join the caller's transaction or begin one".
/// </summary>
public abstract class AccessFiltersTests(KindredApp app)
{
    [Fact]
    public async Task ABlockSeparatesTwoAccountsInEitherDirectionAndNobodyElse()
    {
        var blocker = (await app.CreateUserAsync("filters_blocker")).Id;
        var blocked = (await app.CreateUserAsync("filters_blocked")).Id;
        var other = (await app.CreateUserAsync("filters_other")).Id;
        await app.WithDbAsync(db =>
        {
            db.Blocks.Add(new Block { Id = Snowflake.NewId(), AccountId = blocker, TargetAccountId = blocked, CreatedAt = DateTime.UtcNow });
            return db.SaveChangesAsync();
        });

        await app.WithDbAsync(async db =>
        {
            Assert.True(await db.Blocks.Between(blocker, blocked).AnyAsync());
            Assert.True(await db.Blocks.Between(blocked, blocker).AnyAsync());
            Assert.False(await db.Blocks.Between(blocker, other).AnyAsync());
            Assert.False(await db.Blocks.Between(blocked, other).AnyAsync());

            long[] all = [blocker, blocked, other];
            async Task<List<long>> SeenByAsync(long viewer) => await db.Accounts.Where(a => all.Contains(a.Id))
                .WithoutBlocksWith(db.Blocks, viewer, a => a.Id).Select(a => a.Id).OrderBy(id => id).ToListAsync();
            Assert.Equal(new[] { blocker, other }.Order(), await SeenByAsync(blocker));
            Assert.Equal(new[] { blocked, other }.Order(), await SeenByAsync(blocked));
            Assert.Equal(all.Order(), await SeenByAsync(other));
        });
    }

    [Fact]
    public async Task OnlyActiveUsersPassTheActiveFilter()
    {
        var active = (await app.CreateUserAsync("filters_active")).Id;
        var disabled = (await app.CreateUserAsync("filters_disabled")).Id;
        var pending = (await app.CreateUserAsync("filters_pending")).Id;
        await app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == disabled).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Disabled));
            await db.Users.Where(u => u.Id == pending).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Pending));
        });

        var ids = await app.WithDbAsync(db => db.Users.Active().Where(u => u.Id == active || u.Id == disabled || u.Id == pending).Select(u => u.Id).ToListAsync());
        Assert.Equal([active], ids);
    }

    [Fact]
    public async Task AMuteIsLiveWithoutAnEndOrUntilItsEnd()
    {
        var muter = (await app.CreateUserAsync("filters_muter")).Id;
        var forever = (await app.CreateUserAsync("filters_forever")).Id;
        var ended = (await app.CreateUserAsync("filters_ended")).Id;
        var later = (await app.CreateUserAsync("filters_later")).Id;
        var now = DateTime.UtcNow;
        await app.WithDbAsync(db =>
        {
            db.Mutes.Add(new Mute { Id = Snowflake.NewId(), AccountId = muter, TargetAccountId = forever, CreatedAt = now });
            db.Mutes.Add(new Mute { Id = Snowflake.NewId(), AccountId = muter, TargetAccountId = ended, CreatedAt = now, ExpiresAt = now.AddMinutes(-1) });
            db.Mutes.Add(new Mute { Id = Snowflake.NewId(), AccountId = muter, TargetAccountId = later, CreatedAt = now, ExpiresAt = now.AddMinutes(1) });
            return db.SaveChangesAsync();
        });

        async Task<List<long>> LiveAtAsync(DateTime at) => await app.WithDbAsync(db =>
            db.Mutes.Live(at).Where(m => m.AccountId == muter).Select(m => m.TargetAccountId).OrderBy(id => id).ToListAsync());
        Assert.Equal(new[] { forever, later }.Order(), await LiveAtAsync(now));
        Assert.Equal([forever], await LiveAtAsync(now.AddMinutes(2)));
    }

    [Fact]
    public async Task TheRoleFilterFindsExactlyTheRolesThatRolesAllows()
    {
        var users = new Dictionary<UserRole, long>();
        foreach (var role in Enum.GetValues<UserRole>())
        {
            users[role] = (await app.CreateUserAsync($"filters_role_{Roles.Name(role)}", role)).Id;
        }
        var ids = users.Values.ToList();

        foreach (var rule in new Func<UserRole, bool>[] { Roles.CanAdminister, Roles.CanModerate, Roles.IsStaff })
        {
            var found = await app.WithDbAsync(db => db.Users.InRoles(rule).Where(u => ids.Contains(u.Id)).Select(u => u.Id).ToListAsync());
            Assert.Equal(users.Where(u => rule(u.Key)).Select(u => u.Value).Order(), found.Order());
        }
    }

    [Fact]
    public async Task InTransactionCommitsItsOwnRollsBackOnAnErrorAndJoinsTheCallers()
    {
        var one = (await app.CreateUserAsync("filters_tx_one")).Id;
        var two = (await app.CreateUserAsync("filters_tx_two")).Id;
        Task<bool> BlockedAsync() => app.WithDbAsync(db => db.Blocks.Between(one, two).AnyAsync());
        void AddBlock(KindredDbContext db) =>
            db.Blocks.Add(new Block { Id = Snowflake.NewId(), AccountId = one, TargetAccountId = two, CreatedAt = DateTime.UtcNow });

        // Work that throws after saving leaves nothing behind.
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(db => db.InTransactionAsync(async () =>
        {
            AddBlock(db);
            await db.SaveChangesAsync();
            throw new InvalidOperationException("after the save");
        })));
        Assert.False(await BlockedAsync());

        // Inside the caller's transaction it does not commit on its own: the caller's rollback takes it back.
        await app.WithDbAsync(async db =>
        {
            await using var outer = await db.Database.BeginTransactionAsync();
            await db.InTransactionAsync(async () =>
            {
                AddBlock(db);
                await db.SaveChangesAsync();
            });
            Assert.Same(outer, db.Database.CurrentTransaction);
            await outer.RollbackAsync();
        });
        Assert.False(await BlockedAsync());

        // On its own, it commits when the work returns.
        await app.WithDbAsync(db => db.InTransactionAsync(async () =>
        {
            AddBlock(db);
            await db.SaveChangesAsync();
        }));
        Assert.True(await BlockedAsync());
    }
}

public sealed class AccessFiltersSqliteTests(SqliteApp app) : AccessFiltersTests(app), IClassFixture<SqliteApp>;

public sealed class AccessFiltersPostgresTests(PostgresApp app) : AccessFiltersTests(app), IClassFixture<PostgresApp>;
