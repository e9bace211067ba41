using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>Posts through the pages, posted like a browser without JavaScript: composing, replying, the card's
/// buttons, who sees what, escaping and paging.</summary>
public abstract partial class StatusPagesTests(KindredApp app)
{
    [GeneratedRegex("href=\"(/community\\?max_id=\\d+)\"")]
    private static partial Regex OlderLink();

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private Task<Status> PostAsync(long authorId, string text, Audience visibility = Audience.Public, long? replyTo = null, string? spoiler = null) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", visibility, spoiler, InReplyToId: replyTo)));

    private static Dictionary<string, string> Compose(string text, string visibility = "public", string spoiler = "") => new()
    {
        ["Input.Text"] = text,
        ["Input.SpoilerText"] = spoiler,
        ["Input.Visibility"] = visibility,
    };

    private static async Task<HttpResponseMessage> ActAsync(HttpClient browser, string page, long id, string act) =>
        await Html.PostFormAsync(browser, page, null, new Dictionary<string, string> { ["act"] = act, ["returnUrl"] = page }, $"/posts/{id}/act");

    [Fact]
    public async Task TheSignedInHomePageShowsOwnPostsAndThoseOfFollowedAccountsOnly()
    {
        var reader = await app.CreateUserAsync("pp_reader");
        var followed = await app.CreateUserAsync("pp_followed");
        await app.CreateUserAsync("pp_stranger");
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(reader.Id, followed.Id);
            return true;
        });
        await app.PostStatusAsync(await app.TokenAsync("pp_followed"), "From someone I follow", "members_only");
        await app.PostStatusAsync(await app.TokenAsync("pp_stranger"), "From a stranger", "public");
        await app.PostStatusAsync(await app.TokenAsync("pp_reader"), "My own words", "members_only");

        var home = await Html.GetAsync(await SignedInAsync("pp_reader"), "/");
        Assert.Contains("From someone I follow", home, StringComparison.Ordinal);
        Assert.Contains("My own words", home, StringComparison.Ordinal);
        Assert.DoesNotContain("From a stranger", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberComposesAPostThroughTheFormAndLandsOnItsThread()
    {
        var author = await app.CreateUserAsync("pp_writer");
        var browser = await SignedInAsync("pp_writer");

        var home = await Html.GetAsync(browser, "/");
        Assert.Contains("id=\"compose-text\"", home, StringComparison.Ordinal);
        Assert.Contains("<option value=\"members_only\" selected", home, StringComparison.Ordinal);

        var response = await Html.PostFormAsync(browser, "/compose", "compose", Compose("Hello from the #garden", "members_only", "Plants"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.AccountId == author.Id));
        Assert.Equal(Audience.Members, stored.Visibility);
        Assert.Equal($"/@pp_writer/{stored.Id}", Html.Location(response));

        var thread = await Html.GetAsync(browser, Html.Location(response));
        Assert.Contains("Hello from the", thread, StringComparison.Ordinal);
        Assert.Contains("<details class=\"content-warning\">", thread, StringComparison.Ordinal);
        Assert.Contains("Members only", thread, StringComparison.Ordinal);
        Assert.Contains("<time datetime=", thread, StringComparison.Ordinal);
        Assert.Contains("name=\"robots\" content=\"noindex\"", thread, StringComparison.Ordinal);
        Assert.Contains("Hello from the", await Html.GetAsync(browser, "/tags/garden"), StringComparison.Ordinal);
        Assert.DoesNotContain("Hello from the", await Html.GetAsync(app.Browser(), "/tags/garden"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOverLongPostIsRefusedBesideTheFieldAndNothingIsStored()
    {
        var author = await app.CreateUserAsync("pp_wordy");
        var browser = await SignedInAsync("pp_wordy");
        var response = await Html.PostFormAsync(browser, "/compose", "compose", Compose(new string('a', StatusService.MaxCharacters + 1)));
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"compose-text-error\"", page, StringComparison.Ordinal);
        Assert.Contains("Text is too long", page, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.AccountId == author.Id)));

        var blank = await Html.PostFormAsync(browser, "/compose", "compose", Compose("   "));
        Assert.Contains("id=\"compose-text-error\"", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.AccountId == author.Id)));
    }

    [Fact]
    public async Task AMemberRepliesOnTheThreadPage()
    {
        var author = await app.CreateUserAsync("pp_asker");
        var replier = await app.CreateUserAsync("pp_answerer");
        var question = await PostAsync(author.Id, "Who can help on Saturday?");
        var browser = await SignedInAsync("pp_answerer");
        var url = $"/@pp_asker/{question.Id}";

        var page = await Html.GetAsync(browser, url);
        Assert.Contains("@pp_asker ", page, StringComparison.Ordinal);
        var response = await Html.PostFormAsync(browser, url, "compose", Compose("@pp_asker I can!", "public"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reply = await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.AccountId == replier.Id));
        Assert.Equal(question.Id, reply.InReplyToId);

        var thread = await Html.GetAsync(app.Browser(), url);
        Assert.Contains("I can!", thread, StringComparison.Ordinal);
        Assert.Contains("1 reply", thread, StringComparison.Ordinal);
        Assert.Contains("property=\"og:title\"", thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCardButtonsFavouriteBoostBookmarkAndDelete()
    {
        var author = await app.CreateUserAsync("pp_poster");
        var fan = await app.CreateUserAsync("pp_fan");
        var post = await PostAsync(author.Id, "A post to like");
        var browser = await SignedInAsync("pp_fan");
        var url = $"/@pp_poster/{post.Id}";

        foreach (var act in new[] { "favourite", "boost", "bookmark" })
        {
            var response = await ActAsync(browser, url, post.Id, act);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal($"{url}#post-{post.Id}", Html.Location(response));
        }
        Assert.True(await app.WithDbAsync(db => db.Favourites.AnyAsync(f => f.AccountId == fan.Id && f.StatusId == post.Id)));
        Assert.True(await app.WithDbAsync(db => db.Bookmarks.AnyAsync(b => b.AccountId == fan.Id && b.StatusId == post.Id)));
        Assert.True(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.AccountId == fan.Id && s.ReblogOfId == post.Id)));

        var page = await Html.GetAsync(browser, url);
        Assert.Contains("value=\"unfavourite\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"unboost\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"unbookmark\"", page, StringComparison.Ordinal);
        Assert.Contains("1 favourite", page, StringComparison.Ordinal);
        Assert.Contains("A post to like", await Html.GetAsync(browser, "/bookmarks"), StringComparison.Ordinal);
        Assert.Contains("A post to like", await Html.GetAsync(browser, "/favourites"), StringComparison.Ordinal);
        Assert.Contains("Boosted by pp_fan", await Html.GetAsync(browser, "/@pp_fan"), StringComparison.Ordinal);

        foreach (var act in new[] { "unfavourite", "unboost", "unbookmark" })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await ActAsync(browser, url, post.Id, act)).StatusCode);
        }
        Assert.False(await app.WithDbAsync(db => db.Favourites.AnyAsync(f => f.AccountId == fan.Id)));
        Assert.False(await app.WithDbAsync(db => db.Bookmarks.AnyAsync(b => b.AccountId == fan.Id)));

        // Someone else's post cannot be deleted; the author deletes from the confirmation page.
        Assert.Equal(HttpStatusCode.NotFound, (await ActAsync(browser, url, post.Id, "delete")).StatusCode);
        await Html.GetAsync(browser, url + "/delete", HttpStatusCode.NotFound);
        var owner = await SignedInAsync("pp_poster");
        Assert.Contains("Delete this post?", await Html.GetAsync(owner, url + "/delete"), StringComparison.Ordinal);
        var deleted = await Html.PostFormAsync(owner, url + "/delete", null, new Dictionary<string, string> { ["act"] = "delete" }, $"/posts/{post.Id}/act");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == post.Id).Select(s => s.DeletedAt).SingleAsync()));
        await Html.GetAsync(owner, url, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheAuthorEditsAPostAndTheHistoryShowsBothVersions()
    {
        var author = await app.CreateUserAsync("pp_editor");
        var post = await PostAsync(author.Id, "First words");
        var browser = await SignedInAsync("pp_editor");
        var url = $"/@pp_editor/{post.Id}";
        var response = await Html.PostFormAsync(browser, url + "/edit", "edit-post", new Dictionary<string, string> { ["Input.Text"] = "Second words", ["Input.SpoilerText"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var thread = await Html.GetAsync(browser, url);
        Assert.Contains("Second words", thread, StringComparison.Ordinal);
        Assert.Contains($"href=\"{url}/history\"", thread, StringComparison.Ordinal);
        var history = await Html.GetAsync(app.Browser(), url + "/history");
        Assert.Contains("First words", history, StringComparison.Ordinal);
        Assert.Contains("Second words", history, StringComparison.Ordinal);

        var other = await app.CreateUserAsync("pp_meddler");
        await Html.GetAsync(await SignedInAsync("pp_meddler"), url + "/edit", HttpStatusCode.NotFound);
        Assert.True(other.Id > 0);
    }

    public static TheoryData<Audience, string, bool> Matrix() => new()
    {
        { Audience.Public, "anonymous", true }, { Audience.Public, "member", true }, { Audience.Public, "follower", true }, { Audience.Public, "author", true },
        { Audience.Unlisted, "anonymous", true }, { Audience.Unlisted, "member", true }, { Audience.Unlisted, "follower", true }, { Audience.Unlisted, "author", true },
        { Audience.Members, "anonymous", false }, { Audience.Members, "member", true }, { Audience.Members, "follower", true }, { Audience.Members, "author", true },
        { Audience.Private, "anonymous", false }, { Audience.Private, "member", false }, { Audience.Private, "follower", true }, { Audience.Private, "author", true },
        { Audience.Direct, "anonymous", false }, { Audience.Direct, "member", false }, { Audience.Direct, "follower", false }, { Audience.Direct, "author", true },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task TheThreadPageAndProfileShowAPostOnlyToThoseWhoMayReadIt(Audience visibility, string reader, bool sees)
    {
        var suffix = $"{(int)visibility}{reader[..3]}";
        var author = await app.CreateUserAsync($"pm_a{suffix}");
        var text = $"Secret-ish words {suffix}";
        var post = await PostAsync(author.Id, text, visibility);
        HttpClient browser;
        switch (reader)
        {
            case "anonymous":
                browser = app.Browser();
                break;
            case "author":
                browser = await SignedInAsync(author.UserName!);
                break;
            default:
                var member = await app.CreateUserAsync($"pm_r{suffix}");
                if (reader == "follower")
                {
                    await app.WithServicesAsync(async s =>
                    {
                        await s.GetRequiredService<RelationshipService>().FollowAsync(member.Id, author.Id);
                        return true;
                    });
                }
                browser = await SignedInAsync(member.UserName!);
                break;
        }
        var thread = await browser.GetAsync($"/@{author.UserName}/{post.Id}");
        Assert.Equal(sees ? HttpStatusCode.OK : HttpStatusCode.NotFound, thread.StatusCode);
        Assert.Equal(sees, (await thread.Content.ReadAsStringAsync()).Contains(text, StringComparison.Ordinal));
        var profile = await Html.GetAsync(browser, $"/@{author.UserName}");
        Assert.Equal(sees, profile.Contains(text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProfileListsPinnedPostsFirstAndSwitchesBetweenPostsAndReplies()
    {
        var author = await app.CreateUserAsync("pp_gardener");
        var other = await app.CreateUserAsync("pp_neighbour");
        var question = await PostAsync(other.Id, "Anyone need compost?");
        var pinned = await PostAsync(author.Id, "Read this first");
        await PostAsync(author.Id, "A newer everyday post");
        await PostAsync(author.Id, "Yes please, a bag of it", replyTo: question.Id);
        await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().PinAsync(author.Id, pinned.Id));

        var posts = await Html.GetAsync(app.Browser(), "/@pp_gardener");
        Assert.DoesNotContain("Yes please, a bag of it", posts, StringComparison.Ordinal);
        var pinnedAt = posts.IndexOf("Read this first", StringComparison.Ordinal);
        Assert.True(pinnedAt >= 0 && pinnedAt < posts.IndexOf("A newer everyday post", StringComparison.Ordinal), Html.Snippet(posts));
        Assert.Contains("href=\"/@pp_gardener?replies=1\"", posts, StringComparison.Ordinal);

        var withReplies = await Html.GetAsync(app.Browser(), "/@pp_gardener?replies=1");
        Assert.Contains("Yes please, a bag of it", withReplies, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VisitorsGetNoActionButtonsAndTheirButtonPostsSendThemToSignIn()
    {
        var author = await app.CreateUserAsync("pp_public");
        var post = await PostAsync(author.Id, "Open to all");
        var visitor = app.Browser();
        var page = await Html.GetAsync(visitor, $"/@pp_public/{post.Id}");
        Assert.DoesNotContain("value=\"favourite\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"compose-text\"", page, StringComparison.Ordinal);
        var response = await Html.PostFormAsync(visitor, $"/@pp_public/{post.Id}", null, new Dictionary<string, string> { ["act"] = "favourite" }, $"/posts/{post.Id}/act");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(response), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Favourites.AnyAsync(f => f.StatusId == post.Id)));
        await Html.GetAsync(visitor, "/compose", HttpStatusCode.Redirect);
        await Html.GetAsync(visitor, "/bookmarks", HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task HtmlAndScriptInAPostAreRenderedHarmless()
    {
        var author = await app.CreateUserAsync("pp_mallory");
        var post = await PostAsync(author.Id, "<script>alert(1)</script><img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">x</a>", spoiler: "<b onmouseover=alert(4)>cw</b>");
        var page = await Html.GetAsync(app.Browser(), $"/@pp_mallory/{post.Id}");
        Assert.DoesNotContain("<script>alert", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a href=\"javascript:", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b onmouseover", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;b onmouseover", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCommunityFeedPagesWithOlderAndNewerLinksAndHidesMembersOnlyPostsFromVisitors()
    {
        var author = await app.CreateUserAsync("pp_prolific");
        var first = await PostAsync(author.Id, "Oldest post of all");
        for (var i = 0; i < StatusQueries.DefaultLimit; i++)
        {
            await PostAsync(author.Id, $"Post number {i}");
        }
        await PostAsync(author.Id, "Only for members here", Audience.Members);

        var visitor = await Html.GetAsync(app.Browser(), "/community");
        Assert.DoesNotContain("Only for members here", visitor, StringComparison.Ordinal);
        Assert.DoesNotContain("Oldest post of all", visitor, StringComparison.Ordinal);
        var older = OlderLink().Match(visitor);
        Assert.True(older.Success, Html.Snippet(visitor));
        var second = await Html.GetAsync(app.Browser(), WebUtility.HtmlDecode(older.Groups[1].Value));
        Assert.Contains("Oldest post of all", second, StringComparison.Ordinal);
        Assert.Contains("min_id=", second, StringComparison.Ordinal);
        Assert.Contains($"min_id={first.Id}", second, StringComparison.Ordinal);

        var member = await Html.GetAsync(await SignedInAsync("pp_prolific"), "/community");
        Assert.Contains("Only for members here", member, StringComparison.Ordinal);
    }
}

public sealed class StatusPagesSqliteTests(SqliteApp app) : StatusPagesTests(app), IClassFixture<SqliteApp>;

public sealed class StatusPagesPostgresTests(PostgresApp app) : StatusPagesTests(app), IClassFixture<PostgresApp>;
