using System.Net;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>Polls in the pages, posted like a browser without JavaScript: the composer's poll, voting on a card,
/// the results as bars, and a bad poll that shows a form error.</summary>
public abstract class PollPagesTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static Dictionary<string, string> Compose(string text, params string[] options)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Text"] = text,
            ["Input.SpoilerText"] = "",
            ["Input.Visibility"] = "members_only",
            ["Input.PollDuration"] = "3600",
        };
        for (var i = 0; i < options.Length; i++)
        {
            fields[$"Input.PollOption{i + 1}"] = options[i];
        }
        return fields;
    }

    [Fact]
    public async Task AMemberPostsAPollFromTheComposerAndAnotherVotesAndSeesTheResults()
    {
        var author = await app.CreateUserAsync("pw_author");
        await app.CreateUserAsync("pw_voter");
        var writer = await SignedInAsync("pw_author");
        var home = await Html.GetAsync(writer, "/");
        Assert.Contains("id=\"compose-poll-1\"", home, StringComparison.Ordinal);
        Assert.Contains("id=\"compose-poll-duration\"", home, StringComparison.Ordinal);

        var fields = Compose("Which day suits you?", "Saturday", "Sunday");
        fields["Input.PollMultiple"] = "false";
        var posted = await Html.PostFormAsync(writer, "/compose", "compose", fields);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = Html.Location(posted);
        var poll = await app.WithDbAsync(db => db.Polls.Include(p => p.Options).SingleAsync(p => p.AccountId == author.Id));
        Assert.Equal(["Saturday", "Sunday"], poll.Options.OrderBy(o => o.Position).Select(o => o.Title));
        Assert.False(poll.Multiple);
        Assert.InRange(poll.ExpiresAt, DateTime.UtcNow.AddMinutes(55), DateTime.UtcNow.AddMinutes(65));

        // The author sees results (no vote form on their own poll).
        var own = await Html.GetAsync(writer, page);
        Assert.DoesNotContain($"action=\"/polls/{poll.Id}/vote\"", own, StringComparison.Ordinal);
        Assert.Contains("<meter", own, StringComparison.Ordinal);

        var voter = await SignedInAsync("pw_voter");
        var before = await Html.GetAsync(voter, page);
        Assert.Contains($"action=\"/polls/{poll.Id}/vote\"", before, StringComparison.Ordinal);
        Assert.Contains("type=\"radio\"", before, StringComparison.Ordinal);
        Assert.Contains($"for=\"poll-{poll.Id}-1\"", before, StringComparison.Ordinal);

        var voted = await Html.PostFormAsync(voter, page, null, new Dictionary<string, string> { ["choices"] = "1", ["returnUrl"] = page }, $"/polls/{poll.Id}/vote");
        Assert.Equal(HttpStatusCode.Redirect, voted.StatusCode);
        Assert.StartsWith(page, Html.Location(voted), StringComparison.Ordinal);
        var after = await Html.GetAsync(voter, page);
        Assert.DoesNotContain($"action=\"/polls/{poll.Id}/vote\"", after, StringComparison.Ordinal);
        Assert.Contains("<meter min=\"0\" max=\"100\" value=\"100\"", after, StringComparison.Ordinal);
        Assert.Contains("<meter min=\"0\" max=\"100\" value=\"0\"", after, StringComparison.Ordinal);
        Assert.Contains("(your choice)", after, StringComparison.Ordinal);
        Assert.Contains("1 person voted", after, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", after, StringComparison.Ordinal);

        // A second ballot is refused with its reason, and nothing changes.
        var again = await Html.PostFormAsync(voter, page, null, new Dictionary<string, string> { ["choices"] = "0", ["returnUrl"] = page }, $"/polls/{poll.Id}/vote");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains("already voted", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.PollVotes.CountAsync(v => v.PollId == poll.Id)));

        // Once closed, the card says so.
        await app.WithDbAsync(db => db.Polls.Where(p => p.Id == poll.Id).ExecuteUpdateAsync(s => s.SetProperty(p => p.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Contains("class=\"poll-closed\"", await Html.GetAsync(voter, page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMultipleChoicePollOffersCheckboxesAndCountsEachChoice()
    {
        await app.CreateUserAsync("pw_mauthor");
        await app.CreateUserAsync("pw_mvoter");
        var fields = Compose("What shall we bring?", "Bread", "Cheese", "Fruit");
        fields["Input.PollMultiple"] = "true";
        var posted = await Html.PostFormAsync(await SignedInAsync("pw_mauthor"), "/compose", "compose", fields);
        var page = Html.Location(posted);
        var pollId = await app.WithDbAsync(db => db.Polls.Where(p => p.Options.Any(o => o.Title == "Cheese")).Select(p => p.Id).SingleAsync());

        var voter = await SignedInAsync("pw_mvoter");
        Assert.Contains("type=\"checkbox\"", await Html.GetAsync(voter, page), StringComparison.Ordinal);
        var token = System.Text.RegularExpressions.Regex.Match(await Html.GetAsync(voter, page), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await voter.PostAsync($"/polls/{pollId}/vote", new FormUrlEncodedContent(
        [
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token)),
            new("choices", "0"),
            new("choices", "2"),
            new("returnUrl", page),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var choices = await app.WithDbAsync(db => db.PollVotes.Where(v => v.PollId == pollId).Select(v => v.Choice).OrderBy(c => c).ToListAsync());
        Assert.Equal([0, 2], choices);
        Assert.Contains("<meter min=\"0\" max=\"100\" value=\"50\"", await Html.GetAsync(voter, page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadPollInTheComposerShowsAFormErrorAndPostsNothing()
    {
        var author = await app.CreateUserAsync("pw_bad");
        var browser = await SignedInAsync("pw_bad");
        var response = await Html.PostFormAsync(browser, "/compose", "compose", Compose("Pick one", "Same", "Same"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"compose-poll-error\"", page, StringComparison.Ordinal);
        Assert.Contains("must all be different", page, StringComparison.Ordinal);
        var single = await Html.PostFormAsync(browser, "/compose", "compose", Compose("Pick one", "Lonely"));
        Assert.Contains("at least 2 options", await single.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.AccountId == author.Id)));
    }

    [Fact]
    public async Task AMemberWhoMayNotReadThePostCannotVoteInItsPoll()
    {
        await app.CreateUserAsync("pw_private");
        await app.CreateUserAsync("pw_outsider");
        var created = await KindredApp.Json(await app.Api(await app.TokenAsync("pw_private")).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(
        [
            new("status", "For my followers"), new("visibility", "private"),
            new("poll[options][]", "Yes"), new("poll[options][]", "No"), new("poll[expires_in]", "600"),
        ])), HttpStatusCode.OK);
        var pollId = created.GetProperty("poll").GetProperty("id").GetString()!;
        var outsider = await SignedInAsync("pw_outsider");
        var response = await Html.PostFormAsync(outsider, "/", null, new Dictionary<string, string> { ["choices"] = "0", ["returnUrl"] = "/" }, $"/polls/{pollId}/vote");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.PollVotes.AnyAsync(v => v.PollId == long.Parse(pollId, System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Fact]
    public async Task APollBehindAContentWarningStaysBehindIt()
    {
        await app.CreateUserAsync("pw_cw");
        var created = await KindredApp.Json(await app.Api(await app.TokenAsync("pw_cw")).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(
        [
            new("status", "Spoilers inside"), new("spoiler_text", "Film ending"),
            new("poll[options][]", "Loved it"), new("poll[options][]", "Hated it"), new("poll[expires_in]", "600"),
        ])), HttpStatusCode.OK);
        var html = await Html.GetAsync(app.Browser(), $"/@pw_cw/{created.GetProperty("id").GetString()}");
        var warning = html.IndexOf("<details class=\"content-warning\">", StringComparison.Ordinal);
        var end = html.IndexOf("</details>", warning, StringComparison.Ordinal);
        var poll = html.IndexOf("class=\"poll\"", StringComparison.Ordinal);
        Assert.InRange(poll, warning, end);
    }

    [Fact]
    public async Task AVisitorWhoIsNotSignedInIsSentToSignInInsteadOfVoting()
    {
        var author = await app.CreateUserAsync("pw_public");
        var token = await app.TokenAsync("pw_public");
        var created = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(
        [
            new("status", "Open question"), new("visibility", "public"),
            new("poll[options][]", "Yes"), new("poll[options][]", "No"), new("poll[expires_in]", "600"),
        ])), HttpStatusCode.OK);
        var page = $"/@pw_public/{created.GetProperty("id").GetString()}";
        var visitor = app.Browser();
        var html = await Html.GetAsync(visitor, page);
        Assert.Contains("Yes", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"choices\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.PollVotes.AnyAsync(v => v.AccountId == author.Id)));
    }
}

public sealed class PollPagesSqliteTests(SqliteApp app) : PollPagesTests(app), IClassFixture<SqliteApp>;

public sealed class PollPagesPostgresTests(PostgresApp app) : PollPagesTests(app), IClassFixture<PostgresApp>;
