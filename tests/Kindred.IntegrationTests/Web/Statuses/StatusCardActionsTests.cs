using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>
/// The post card's compact actions (ADR 90), as a browser without JavaScript sees them: one row of Reply, Boost,
/// Favourite and Bookmark, the rest inside a &lt;details&gt; menu, every one still a plain link or a button of the
/// card's form.
/// </summary>
public abstract partial class StatusCardActionsTests(KindredApp app)
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

    private Task<Status> PostAsync(long authorId, string text) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", Audience.Public)));

    /// <summary>The card's form, split into the row (before the menu) and the menu.</summary>
    private static (string Row, string Menu) Actions(string page, long id)
    {
        var start = page.IndexOf($"action=\"/posts/{id.ToString(CultureInfo.InvariantCulture)}/act\"", StringComparison.Ordinal);
        Assert.True(start > 0, "the card's action form is missing");
        var form = page[start..page.IndexOf("</form>", start, StringComparison.Ordinal)];
        var menu = form.IndexOf("<details class=\"action-menu\">", StringComparison.Ordinal);
        Assert.True(menu > 0, "the card's action menu is missing");
        return (form[..menu], form[menu..]);
    }

    [Fact]
    public async Task ReadersSeeFourActionsInARowAndReportInTheMenuWhichWorksWithoutJavaScript()
    {
        var (author, _) = await MemberAsync("card_author");
        var (reader, browser) = await MemberAsync("card_reader");
        var post = await PostAsync(author.Id, "Soup kitchen volunteers needed on Friday");
        var path = $"/@{author.UserName}/{post.Id}";

        var (row, menu) = Actions(await Html.GetAsync(browser, path), post.Id);
        Assert.Equal(["boost", "favourite", "bookmark"], ButtonValues().Matches(row).Select(m => m.Groups[1].Value));
        Assert.Contains($"href=\"{path}#reply\"", row, StringComparison.Ordinal);
        Assert.DoesNotContain("report", row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("delete", row, StringComparison.OrdinalIgnoreCase);
        var report = $"/@{author.UserName}/report?status={post.Id}";
        Assert.Contains($"href=\"{report}\"", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("/delete", menu, StringComparison.Ordinal);

        // The menu's Report link leads to the form, which posts like any other.
        var response = await Html.PostFormAsync(browser, report, "report", new Dictionary<string, string>
        {
            ["Input.Category"] = "spam",
            ["Input.Comment"] = "Sent from the card's menu",
            [$"post-{post.Id}"] = "on",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you for your report", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var filed = await app.WithDbAsync(db => db.Reports.Where(r => r.AccountId == reader.Id).SingleAsync());
        Assert.Equal([post.Id], filed.StatusIds);
    }

    [Fact]
    public async Task APressedFavouriteKeepsItsPlaceAndSaysWhatPressingItAgainDoes()
    {
        var (author, _) = await MemberAsync("card_fav_author");
        var (_, browser) = await MemberAsync("card_fav_reader");
        var post = await PostAsync(author.Id, "Coats for the winter drive");
        var path = $"/@{author.UserName}/{post.Id}";

        var answer = await Html.PostFormAsync(browser, path, null, new Dictionary<string, string> { ["act"] = "favourite", ["returnUrl"] = path }, $"/posts/{post.Id}/act");
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);

        var (row, _) = Actions(await Html.GetAsync(browser, path), post.Id);
        Assert.Equal(["boost", "unfavourite", "bookmark"], ButtonValues().Matches(row).Select(m => m.Groups[1].Value));
        Assert.Contains("class=\"act on\"><svg", row, StringComparison.Ordinal);
        Assert.Contains("<span class=\"visually-hidden\">Undo favourite</span><span aria-hidden=\"true\">Favourite</span>", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AuthorsFindEditAndDeleteInTheMenuAndNoReport()
    {
        var (author, browser) = await MemberAsync("card_own");
        var post = await PostAsync(author.Id, "My own post");
        var path = $"/@{author.UserName}/{post.Id}";

        var (row, menu) = Actions(await Html.GetAsync(browser, path), post.Id);
        Assert.DoesNotContain("/edit", row, StringComparison.Ordinal);
        Assert.Contains($"href=\"{path}/edit\"", menu, StringComparison.Ordinal);
        Assert.Contains($"href=\"{path}/delete\"", menu, StringComparison.Ordinal);
        Assert.Contains("value=\"pin\"", menu, StringComparison.Ordinal);
        Assert.DoesNotContain("/report", menu, StringComparison.Ordinal);
    }

    [GeneratedRegex("<button type=\"submit\" name=\"act\" value=\"([a-z-]+)\"")]
    private static partial Regex ButtonValues();
}

public sealed class StatusCardActionsSqliteTests(SqliteApp app) : StatusCardActionsTests(app), IClassFixture<SqliteApp>;

public sealed class StatusCardActionsPostgresTests(PostgresApp app) : StatusCardActionsTests(app), IClassFixture<PostgresApp>;
