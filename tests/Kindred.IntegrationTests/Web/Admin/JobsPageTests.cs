using System.Globalization;
using System.Net;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Admin;

/// <summary>/admin/jobs (ADR 49): admins see dead and failing jobs, without their payloads, and retry them.</summary>
public abstract class JobsPageTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username, UserRole role)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private Task<long> DeadJobAsync(string error) =>
        app.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var job = new Job
            {
                Id = Snowflake.NewId(now),
                Kind = "mail",
                Payload = """{"To":"x@example.org","Subject":"s","Text":"secret-reset-link","Html":""}""",
                State = JobState.Dead,
                Attempts = 6,
                LastError = error,
                RunAt = now,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Jobs.Add(job);
            await db.SaveChangesAsync();
            return job.Id;
        });

    [Fact]
    public async Task AdminsSeeDeadJobsWithoutTheirPayloadAndRetryThem()
    {
        var id = await DeadJobAsync("The SMTP server said no (jobs page test)");
        var admin = await SignedInAsync("jp_admin", UserRole.Admin);

        var page = await Html.GetAsync(admin, "/admin/jobs");
        Assert.Contains("The SMTP server said no (jobs page test)", page, StringComparison.Ordinal);
        Assert.Contains("Dead", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/jobs\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-reset-link", page, StringComparison.Ordinal);

        var response = await Html.PostFormAsync(admin, "/admin/jobs", $"retry-{id}", new Dictionary<string, string> { ["Job"] = id.ToString(CultureInfo.InvariantCulture) });
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The job will run again shortly.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("The SMTP server said no (jobs page test)", body, StringComparison.Ordinal);
        var row = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id));
        Assert.Equal(JobState.Pending, row.State);
        Assert.Equal(0, row.Attempts);
    }

    [Fact]
    public async Task MembersAndModeratorsCannotOpenTheJobsPage()
    {
        await DeadJobAsync("Hidden from members (jobs page test)");
        foreach (var (name, role) in new[] { ("jp_member", UserRole.Member), ("jp_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            var refused = await browser.GetAsync("/admin/jobs");
            // Pages send the refused to /account/denied instead of a bare 403.
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
            Assert.DoesNotContain("Hidden from members", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var anonymous = await app.Browser().GetAsync("/admin/jobs");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }
}

public sealed class JobsPageSqliteTests(SqliteApp app) : JobsPageTests(app), IClassFixture<SqliteApp>;

public sealed class JobsPagePostgresTests(PostgresApp app) : JobsPageTests(app), IClassFixture<PostgresApp>;
