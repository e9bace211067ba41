using Kindred.Core.Audit;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.Server.Hosting;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Organizations;

/// <summary>A server set up before the organization had an account gets one on its next start (ADR 55).</summary>
public abstract class OrganizationAccountUpgradeTests(KindredApp app)
{
    [Fact]
    public async Task AServerWithoutTheAccountGetsItOnItsNextStart()
    {
        // As an older server left it: no account of the organization's own.
        await app.WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.AccountId, (long?)null)));
        await app.Services.MigrateDatabaseAsync();
        var id = await app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId).SingleAsync());
        Assert.NotNull(id);
        var account = await app.WithDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == id));
        // "helpinghands" was taken by the account setup made, so the name moves aside.
        Assert.Equal("helpinghands_team", account.Username);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.OrganizationAccountCreate && e.TargetId == id && e.ActorId == null)));
        // A second start changes nothing.
        await app.Services.MigrateDatabaseAsync();
        Assert.Equal(id, await app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId).SingleAsync()));
    }
}

public sealed class OrganizationAccountUpgradeSqliteTests(SqliteApp app) : OrganizationAccountUpgradeTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationAccountUpgradePostgresTests(PostgresApp app) : OrganizationAccountUpgradeTests(app), IClassFixture<PostgresApp>;
