using System.Globalization;
using System.Net;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>Scheduling from the composer and the scheduled posts page, posted like a browser without JavaScript.</summary>
public abstract class ScheduledPagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private async Task<long> MemberInParisAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZone, "Europe/Paris")));
        return user.Id;
    }

    private static string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    [Fact]
    public async Task AMemberSchedulesFromTheComposerMovesTheTimeAndCancels()
    {
        var id = await MemberInParisAsync("spw_ann");
        var browser = await SignedInAsync("spw_ann");
        Assert.Contains("id=\"compose-schedule\"", await Html.GetAsync(browser, "/"), StringComparison.Ordinal);

        var at = DateTime.UtcNow.Date.AddDays(2).AddHours(9);
        var posted = await Html.PostFormAsync(browser, "/compose", "compose", new Dictionary<string, string>
        {
            ["Input.Text"] = "Coffee morning on Thursday",
            ["Input.SpoilerText"] = "",
            ["Input.Visibility"] = "members_only",
            ["Input.PollDuration"] = "3600",
            ["Input.ScheduleAt"] = Local(at),
        });
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        Assert.Equal("/scheduled", Html.Location(posted));
        var row = await app.WithDbAsync(db => db.ScheduledStatuses.AsNoTracking().SingleAsync(s => s.AccountId == id));
        // Typed in the member's time zone, kept in UTC.
        Assert.Equal(at, row.ScheduledAt);
        Assert.Equal(0, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == id)));

        var page = await Html.GetAsync(browser, "/scheduled");
        Assert.Contains("Coffee morning on Thursday", page, StringComparison.Ordinal);
        Assert.Contains($"value=\"{Local(at)}\"", page, StringComparison.Ordinal);

        var later = at.AddDays(1);
        var moved = await Html.PostFormAsync(browser, "/scheduled", "scheduled", new Dictionary<string, string> { ["Move"] = row.Id.ToString(CultureInfo.InvariantCulture), [$"at-{row.Id}"] = Local(later) });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(later, await app.WithDbAsync(db => db.ScheduledStatuses.Where(s => s.Id == row.Id).Select(s => s.ScheduledAt).SingleAsync()));

        var soon = await Html.PostFormAsync(browser, "/scheduled", "scheduled", new Dictionary<string, string> { ["Move"] = row.Id.ToString(CultureInfo.InvariantCulture), [$"at-{row.Id}"] = Local(DateTime.UtcNow.AddMinutes(1)) });
        Assert.Contains("at least 5 minutes", await soon.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(later, await app.WithDbAsync(db => db.ScheduledStatuses.Where(s => s.Id == row.Id).Select(s => s.ScheduledAt).SingleAsync()));

        var cancelled = await Html.PostFormAsync(browser, "/scheduled", "scheduled", new Dictionary<string, string> { ["Cancel"] = row.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.ScheduledStatuses.CountAsync(s => s.AccountId == id)));
    }

    [Fact]
    public async Task NobodyElseSeesOrCancelsAMembersScheduledPost()
    {
        var id = await MemberInParisAsync("spw_ben");
        var owner = await SignedInAsync("spw_ben");
        await Html.PostFormAsync(owner, "/compose", "compose", new Dictionary<string, string>
        {
            ["Input.Text"] = "Secret surprise party",
            ["Input.SpoilerText"] = "",
            ["Input.Visibility"] = "members_only",
            ["Input.PollDuration"] = "3600",
            ["Input.ScheduleAt"] = Local(DateTime.UtcNow.AddDays(3)),
        });
        var rowId = await app.WithDbAsync(db => db.ScheduledStatuses.Where(s => s.AccountId == id).Select(s => s.Id).SingleAsync());

        await app.CreateUserAsync("spw_admin", Kindred.Data.Entities.UserRole.Admin);
        foreach (var other in new[] { "spw_admin" })
        {
            var browser = await SignedInAsync(other);
            var page = await Html.GetAsync(browser, "/scheduled");
            Assert.DoesNotContain("Secret surprise party", page, StringComparison.Ordinal);
        }
        var ownerBrowser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(ownerBrowser, "owner", KindredApp.OwnerPassword);
        Assert.DoesNotContain("Secret surprise party", await Html.GetAsync(ownerBrowser, "/scheduled"), StringComparison.Ordinal);

        var signedOut = await app.Browser().GetAsync("/scheduled");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Contains("sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.ScheduledStatuses.CountAsync(s => s.Id == rowId)));
    }
}

public sealed class ScheduledPagesSqliteTests(SqliteApp app) : ScheduledPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ScheduledPagesPostgresTests(PostgresApp app) : ScheduledPagesTests(app), IClassFixture<PostgresApp>;
