using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Kindred.Core.Insights;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Insights;

/// <summary>
/// Who sees the insights (ADR 57): staff, admins and the owner; not members, moderators, visitors, an app's bearer
/// token or a staff member whose role was taken away. Checked on the page, the report form, a report, its PDF and its
/// CSV; the PDF opens and the CSV parses.
/// </summary>
public abstract class InsightsAccessTests(KindredApp app)
{
    public static readonly string[] Paths = ["/staff/insights", "/staff/insights/report", "/staff/insights/report/{id}", "/staff/insights/report/{id}.pdf", "/staff/insights/report/{id}.csv"];

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var who in new[] { "member", "moderator", "staff", "admin", "owner", "anonymous", "app-token", "demoted" })
        {
            foreach (var path in Paths)
            {
                data.Add(who, path);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task OnlyStaffAdminsAndTheOwnerSeeTheInsightsAndTheirDownloads(string who, string path)
    {
        var prefix = "ac" + Math.Abs((who + path).GetHashCode(StringComparison.Ordinal)) % 100000;
        var id = await SnapshotAsync();
        var client = await ClientAsync(who, prefix);
        var response = await client.GetAsync(path.Replace("{id}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        var body = await response.Content.ReadAsStringAsync();
        if (who is "staff" or "admin" or "owner")
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return;
        }
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("Members by chapter", body, StringComparison.Ordinal);
        Assert.False(body.StartsWith("%PDF", StringComparison.Ordinal));
        if (who is "anonymous" or "app-token")
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/sign-in", Html.Location(response), StringComparison.Ordinal);
        }
        else if (who is "member" or "moderator")
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Fact]
    public async Task TheFunderReportIsPreparedByAJobAndReadsAsAPageAPdfWithPagesAndACsvThatParses()
    {
        var staff = app.Browser();
        var user = await app.CreateUserAsync("reporter", UserRole.Staff);
        await AccountFlowTests.SignInAsync(staff, "reporter", KindredApp.Password);
        var response = await Html.PostFormAsync(staff, "/staff/insights/report", "report", new Dictionary<string, string> { ["From"] = "2026-01-01", ["To"] = "2026-06-30" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = Html.Location(response);
        Assert.Matches("^/staff/insights/report/[0-9]+$", location);
        var id = long.Parse(location[(location.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

        Assert.Contains("being prepared", await staff.GetStringAsync(location), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await staff.GetAsync(location + ".pdf")).StatusCode);
        var job = await app.WithDbAsync(db => db.Jobs.SingleAsync(j => j.Kind == InsightsReportJob.JobKind && j.Payload.Contains(id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(1, await app.WithServicesAsync(s => s.GetRequiredService<InsightsService>().ComputeReportAsync(id)));

        var page = await staff.GetStringAsync(location);
        Assert.Contains("Members over time", page, StringComparison.Ordinal);
        // The chart is an image (the data URL's "+" is written as an entity), with a text alternative.
        Assert.Contains("src=\"data:image/svg", page, StringComparison.Ordinal);
        Assert.Contains("alt=\"Chart: Members over time.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Isolated members to reach out to", page, StringComparison.Ordinal);

        var pdf = await staff.GetAsync(location + ".pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        var text = Encoding.Latin1.GetString(bytes);
        Assert.StartsWith("%PDF-", text, StringComparison.Ordinal);
        Assert.True(Regex.Count(text, @"/Type\s*/Page\b") >= 1);
        Assert.Contains("%%EOF", text, StringComparison.Ordinal);

        var csv = await staff.GetAsync(location + ".csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var rows = InsightsPrivacyTests.Parse(await csv.Content.ReadAsStringAsync());
        Assert.Equal(["section", "table", "row", "column", "value", "unit"], rows[0]);
        Assert.All(rows, r => Assert.Equal(6, r.Length));
        Assert.Contains(rows, r => r[1] == "Weekly active members");
        Assert.DoesNotContain(rows, r => r[1] == "Isolated members to reach out to");
        _ = job;
        _ = user;
    }

    [Fact]
    public async Task AReportPeriodThatEndsBeforeItStartsOrRunsPastAYearIsRefusedAndStoresNothing()
    {
        var staff = app.Browser();
        await app.CreateUserAsync("badperiod", UserRole.Staff);
        await AccountFlowTests.SignInAsync(staff, "badperiod", KindredApp.Password);
        var before = await app.WithDbAsync(db => db.InsightsSnapshots.CountAsync());
        foreach (var (from, to) in new[] { ("2026-06-01", "2026-01-01"), ("2024-01-01", "2026-01-01"), ("yesterday", "2026-01-01") })
        {
            var response = await Html.PostFormAsync(staff, "/staff/insights/report", "report", new Dictionary<string, string> { ["From"] = from, ["To"] = to });
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.InsightsSnapshots.CountAsync()));
    }

    private async Task<long> SnapshotAsync() => await app.WithServicesAsync(async s =>
    {
        var db = s.GetRequiredService<Kindred.Data.KindredDbContext>();
        var existing = await db.InsightsSnapshots.Where(x => x.RequestedById == null).Select(x => (long?)x.Id).FirstOrDefaultAsync();
        if (existing is { } id)
        {
            return id;
        }
        await s.GetRequiredService<InsightsService>().SnapshotAsync();
        return await db.InsightsSnapshots.Where(x => x.RequestedById == null).Select(x => x.Id).FirstAsync();
    });

    private async Task<HttpClient> ClientAsync(string who, string prefix)
    {
        switch (who)
        {
            case "anonymous":
                return app.Browser();
            case "app-token":
                var tokenUser = await app.CreateUserAsync(prefix + "tok", UserRole.Staff);
                return app.Api(await app.TokenAsync(tokenUser.UserName!));
            case "owner":
                var ownerBrowser = app.Browser();
                await AccountFlowTests.SignInAsync(ownerBrowser, "owner", KindredApp.OwnerPassword);
                return ownerBrowser;
        }
        var role = who switch
        {
            "moderator" => UserRole.Moderator,
            "staff" or "demoted" => UserRole.Staff,
            "admin" => UserRole.Admin,
            _ => UserRole.Member,
        };
        var user = await app.CreateUserAsync(prefix + who, role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, user.UserName!, KindredApp.Password);
        if (who == "demoted")
        {
            await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, UserRole.Member)));
        }
        return browser;
    }
}

public sealed class InsightsAccessSqliteTests(InsightsSqliteApp app) : InsightsAccessTests(app), IClassFixture<InsightsSqliteApp>;

public sealed class InsightsAccessPostgresTests(InsightsPostgresApp app) : InsightsAccessTests(app), IClassFixture<InsightsPostgresApp>;
