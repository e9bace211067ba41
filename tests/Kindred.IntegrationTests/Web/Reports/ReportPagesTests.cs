using System.Globalization;
using System.Net;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Reports;

/// <summary>Reporting through the pages without JavaScript: the links, the form and its errors, the thank-you, and the
/// moderators' list of open reports.</summary>
public abstract class ReportPagesTests(KindredApp app)
{
    private static int users;

    private async Task<(User User, HttpClient Browser)> MemberAsync(string prefix, UserRole role = UserRole.Member)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);
        return (user, browser);
    }

    private Task<Status> PostAsync(long authorId, string text, Audience visibility = Audience.Public) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", visibility)));

    private Task<List<Report>> ReportsByAsync(long reporterId) => app.WithDbAsync(db => db.Reports.Where(r => r.AccountId == reporterId).ToListAsync());

    private async Task<long> RuleAsync(string text)
    {
        var id = Kindred.Data.Snowflake.NewId();
        await app.WithDbAsync(async db =>
        {
            db.InstanceRules.Add(new InstanceRule { Id = id, Position = 9, Text = text });
            await db.SaveChangesAsync();
        });
        return id;
    }

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task APostCardAndAProfileLeadToTheReportFormPrefilledWithThePost()
    {
        var (target, _) = await MemberAsync("wr_target");
        var (_, reader) = await MemberAsync("wr_reader");
        var post = await PostAsync(target.Id, "Something **unpleasant**");
        var older = await PostAsync(target.Id, "An older, harmless post");

        var thread = await Html.GetAsync(reader, $"/@{target.UserName}/{post.Id}");
        var link = $"href=\"/@{target.UserName}/report?status={post.Id}\"";
        Assert.Contains(link, thread, StringComparison.Ordinal);
        Assert.Contains($"href=\"/@{target.UserName}/report\"", await Html.GetAsync(reader, $"/@{target.UserName}"), StringComparison.Ordinal);

        var form = await Html.GetAsync(reader, $"/@{target.UserName}/report?status={post.Id}");
        Assert.Contains($"name=\"post-{post.Id}\" value=\"on\" checked", form, StringComparison.Ordinal);
        Assert.Contains($"name=\"post-{older.Id}\" value=\"on\" />", form, StringComparison.Ordinal);
        Assert.Contains("Something unpleasant", form, StringComparison.Ordinal);
        Assert.Contains("<label for=\"report-category\">", form, StringComparison.Ordinal);

        // No report link on one's own posts, and no form for reporting oneself.
        var (self, own) = await MemberAsync("wr_self");
        var mine = await PostAsync(self.Id, "mine");
        Assert.DoesNotContain("/report?status=", await Html.GetAsync(own, $"/@{self.UserName}/{mine.Id}"), StringComparison.Ordinal);
        await Html.GetAsync(own, $"/@{self.UserName}/report", HttpStatusCode.NotFound);
        // Visitors are asked to sign in first.
        var anonymous = await app.Browser().GetAsync($"/@{target.UserName}/report");
        Assert.StartsWith("/account/sign-in", Html.Location(anonymous), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberSendsAReportAndIsThankedAndTheModeratorsListShowsIt()
    {
        var (target, _) = await MemberAsync("wr_spammer");
        var (reporter, browser) = await MemberAsync("wr_reporter");
        var post = await PostAsync(target.Id, "cheap pills");
        var url = $"/@{target.UserName}/report?status={post.Id}";

        var response = await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string>
        {
            ["Input.Category"] = "spam",
            ["Input.Comment"] = "Every hour <b>again</b>",
            [$"post-{post.Id}"] = "on",
        });
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you for your report", page, StringComparison.Ordinal);
        var report = Assert.Single(await ReportsByAsync(reporter.Id));
        Assert.Equal(ReportCategory.Spam, report.Category);
        Assert.Equal(target.Id, report.TargetAccountId);
        Assert.Equal([post.Id], report.StatusIds);

        var (_, moderator) = await MemberAsync("wr_moderator", UserRole.Moderator);
        var list = await Html.GetAsync(moderator, "/admin/reports");
        Assert.Contains($"id=\"report-{report.Id}\"", list, StringComparison.Ordinal);
        Assert.Contains("Every hour &lt;b&gt;again&lt;/b&gt;", list, StringComparison.Ordinal);
        Assert.Contains($"href=\"/@{target.UserName}/{post.Id}\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/moderation\"", list, StringComparison.Ordinal);

        var (_, member) = await MemberAsync("wr_nosy");
        var refused = await member.GetAsync("/admin/reports");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", Html.Location(refused), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARuleViolationNeedsARuleAndKeepsOnlyTheRulesTicked()
    {
        var (target, _) = await MemberAsync("wr_rude");
        var (reporter, browser) = await MemberAsync("wr_hurt");
        var rule = await RuleAsync("No insults.");
        var url = $"/@{target.UserName}/report";

        var form = await Html.GetAsync(browser, url);
        Assert.Contains("No insults.", form, StringComparison.Ordinal);

        var missing = await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string> { ["Input.Category"] = "violation" });
        var page = await missing.Content.ReadAsStringAsync();
        Assert.Contains("id=\"report-rules-error\"", page, StringComparison.Ordinal);
        Assert.Contains("Choose at least one rule.", page, StringComparison.Ordinal);
        Assert.Empty(await ReportsByAsync(reporter.Id));

        // Ticked rules under another reason are not cited.
        await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string> { ["Input.Category"] = "other", [$"rule-{rule}"] = "on" });
        Assert.Equal(ReportCategory.Other, Assert.Single(await ReportsByAsync(reporter.Id)).Category);

        await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string> { ["Input.Category"] = "violation", [$"rule-{rule}"] = "on" });
        var violation = (await ReportsByAsync(reporter.Id)).Single(r => r.Category == ReportCategory.Violation);
        Assert.Equal([rule], violation.RuleIds);
    }

    [Fact]
    public async Task BadInputShowsAFormErrorAndStoresNothing()
    {
        var (target, _) = await MemberAsync("wr_target_bad");
        var (reporter, browser) = await MemberAsync("wr_reporter_bad");
        var (other, _) = await MemberAsync("wr_other");
        var othersPost = await PostAsync(other.Id, "not theirs");
        var hidden = await PostAsync(target.Id, "followers only", Audience.Private);
        var url = $"/@{target.UserName}/report";

        var tooLong = await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string> { ["Input.Category"] = "other", ["Input.Comment"] = new string('x', 1_001) });
        var page = await tooLong.Content.ReadAsStringAsync();
        Assert.Contains("id=\"report-comment-error\"", page, StringComparison.Ordinal);
        Assert.Contains("The comment is too long", page, StringComparison.Ordinal);

        var badCategory = await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string> { ["Input.Category"] = "nonsense" });
        Assert.Contains("id=\"report-category-error\"", await badCategory.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var wrongPost = await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string> { ["Input.Category"] = "spam", [$"post-{othersPost.Id}"] = "on" });
        Assert.Contains("id=\"report-posts-error\"", await wrongPost.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var hiddenPost = await Html.PostFormAsync(browser, url, "report", new Dictionary<string, string> { ["Input.Category"] = "spam", [$"post-{hidden.Id}"] = "on" });
        var hiddenPage = await hiddenPost.Content.ReadAsStringAsync();
        Assert.Contains("id=\"report-posts-error\"", hiddenPage, StringComparison.Ordinal);
        Assert.DoesNotContain("followers only", hiddenPage, StringComparison.Ordinal);

        Assert.Empty(await ReportsByAsync(reporter.Id));
    }
}

public sealed class ReportPagesSqliteTests(SqliteApp app) : ReportPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ReportPagesPostgresTests(PostgresApp app) : ReportPagesTests(app), IClassFixture<PostgresApp>;
