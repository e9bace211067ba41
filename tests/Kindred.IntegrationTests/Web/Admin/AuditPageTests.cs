using System.Globalization;
using System.Net;
using Kindred.Core.Accounts;
using Kindred.Core.Aid;
using Kindred.Core.Audit;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Admin;

/// <summary>/admin/audit (ADR 56): the staff actions of today are logged in their own SaveChanges, readable by the owner
/// and admins only, filterable and paged, and no endpoint or code path changes an entry.</summary>
public abstract class AuditPageTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username, UserRole role)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private async Task<HttpClient> OwnerAsync()
    {
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, "owner", KindredApp.OwnerPassword);
        return browser;
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task OnlyAdminsAndTheOwnerReadTheAuditLog()
    {
        var target = await app.CreateUserAsync("al_target");
        var owner = await OwnerAsync();
        await Html.PostFormAsync(owner, "/admin/users", "roles", new Dictionary<string, string> { [$"role-{Id(target.Id)}"] = "staff", ["Member"] = Id(target.Id) });
        foreach (var (name, role) in new[] { ("al_member", UserRole.Member), ("al_staff", UserRole.Staff), ("al_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            var refused = await browser.GetAsync("/admin/audit");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
            Assert.DoesNotContain("al_target", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var anonymous = await app.Browser().GetAsync("/admin/audit");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", Html.Location(anonymous), StringComparison.Ordinal);
        foreach (var browser in new[] { await SignedInAsync("al_admin", UserRole.Admin), owner })
        {
            var page = await Html.GetAsync(browser, "/admin/audit");
            Assert.Contains("Changed the role of @al_target from member to staff.", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TodaysStaffActionsAreLoggedWithTheirActor()
    {
        var owner = await OwnerAsync();
        var ownerId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "owner").Select(u => u.Id).SingleAsync());
        var member = await app.CreateUserAsync("al_member2");
        var pending = await app.CreateUserAsync("al_applicant");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == pending.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, UserStatus.Pending)));
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AccountService>().ApproveAsync(ownerId, pending.Id);
            await s.GetRequiredService<AccountService>().SuspendAsync(ownerId, UserRole.Owner, member.Id);
            var roles = s.GetRequiredService<AidRoleService>();
            await roles.SetLeadAsync(ownerId, "al_applicant", true);
            var grant = await roles.GrantAsync(ownerId, "al_applicant", new DateOnly(2026, 1, 5), "References checked");
            await roles.RevokeAsync(ownerId, grant.Grant.Id, "Moved away");
            var category = await s.GetRequiredService<AidCategories>().AddAsync(ownerId, "Gardening");
            await s.GetRequiredService<AidCategories>().UpdateAsync(ownerId, category.Id, null, true);
            return true;
        });
        var expected = new[]
        {
            AuditActions.ApplicationApprove, AuditActions.AccountSuspend, AuditActions.SafeguardingLeadAppoint, AuditActions.HelperVet,
            AuditActions.HelperRevoke, AuditActions.AidCategoryAdd, AuditActions.AidCategoryUpdate,
        };
        var logged = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ActorId == ownerId).Select(e => e.Action).ToListAsync());
        Assert.All(expected, action => Assert.Contains(action, logged));

        var filtered = await Html.GetAsync(owner, "/admin/audit?action=account.suspend&actor=owner");
        Assert.Contains("Suspended @al_member2.", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("Approved the application", filtered, StringComparison.Ordinal);
        var future = await Html.GetAsync(owner, "/admin/audit?from=2199-01-01&to=2199-12-31");
        Assert.Contains("Nothing in the log matches.", future, StringComparison.Ordinal);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains("Approved the application of @al_applicant.", await Html.GetAsync(owner, $"/admin/audit?from={today}&to={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLogPagesNewestFirst()
    {
        var owner = await OwnerAsync();
        await app.WithServicesAsync(async s =>
        {
            var log = s.GetRequiredService<AuditLog>();
            for (var i = 0; i < AuditQueries.PageSize + 5; i++)
            {
                log.Add(null, AuditActions.InvitationRevoke, AuditTarget.Invitation(i + 1), $"Paging entry {i:D3}.");
            }
            await s.GetRequiredService<KindredDbContext>().SaveChangesAsync();
            return true;
        });
        var first = await Html.GetAsync(owner, "/admin/audit?action=invitation.revoke");
        Assert.Contains($"Paging entry {AuditQueries.PageSize + 4:D3}.", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Paging entry 000.", first, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(first, "href=\"(/admin/audit\\?[^\"]*before=\\d+)\"").Groups[1].Value.Replace("&amp;", "&", StringComparison.Ordinal);
        Assert.NotEmpty(next);
        var second = await Html.GetAsync(owner, next);
        Assert.Contains("Paging entry 000.", second, StringComparison.Ordinal);
        Assert.DoesNotContain($"Paging entry {AuditQueries.PageSize + 4:D3}.", second, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=yesterday")]
    [InlineData("to=2026-13-45")]
    [InlineData("actor=nobody_at_all")]
    [InlineData("action=drop.table")]
    [InlineData("before=12ab")]
    [InlineData("from=2026-05-02&to=2026-05-01")]
    public async Task BadFiltersGiveAMessageNotAnError(string query)
    {
        var owner = await OwnerAsync();
        var response = await owner.GetAsync("/admin/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("role=\"alert\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NoEndpointChangesTheLog()
    {
        // Every route whose address names the audit log is a page or a read: nothing else reaches it.
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.Contains("audit", StringComparison.OrdinalIgnoreCase) == true)
            .Select(e => e.RoutePattern.RawText!).Distinct().ToList();
        Assert.Equal(["/admin/audit"], routes);
        var count = await app.WithDbAsync(db => db.AuditEntries.CountAsync());
        var owner = await OwnerAsync();
        foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            var response = await owner.SendAsync(new HttpRequestMessage(method, "/admin/audit") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Summary"] = "rewritten" }) });
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Equal(count, await app.WithDbAsync(db => db.AuditEntries.CountAsync()));
    }

    [Fact]
    public async Task TheModelRefusesToChangeOrRemoveAnEntry()
    {
        var id = await app.WithServicesAsync(async s =>
        {
            var entry = s.GetRequiredService<AuditLog>().Add(null, AuditActions.RoleChange, null, "An entry to keep.");
            await s.GetRequiredService<KindredDbContext>().SaveChangesAsync();
            return entry.Id;
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            var entry = await db.AuditEntries.SingleAsync(e => e.Id == id);
            entry.Summary = "Rewritten.";
            await db.SaveChangesAsync();
        }));
        await Assert.ThrowsAsync<InvalidOperationException>(() => app.WithDbAsync(async db =>
        {
            db.AuditEntries.Remove(await db.AuditEntries.SingleAsync(e => e.Id == id));
            await db.SaveChangesAsync();
        }));
        Assert.Equal("An entry to keep.", await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Id == id).Select(e => e.Summary).SingleAsync()));
    }
}

public sealed class AuditPageSqliteTests(SqliteApp app) : AuditPageTests(app), IClassFixture<SqliteApp>;

public sealed class AuditPagePostgresTests(PostgresApp app) : AuditPageTests(app), IClassFixture<PostgresApp>;
