using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Preferences;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Statuses;

/// <summary>Replies (ADR 86): a reply starts with its parent's audience on the thread page and through the API, the
/// member's own default only narrows it, and the reply form is a compact text area whose other fields fold away in a
/// &lt;details&gt; that still sends them, posted like a browser without JavaScript.</summary>
public abstract partial class ReplyPagesTests(KindredApp app)
{
    [GeneratedRegex("<option value=\"([a-z_]+)\" selected")]
    private static partial Regex SelectedOption();

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private Task<Status> PostAsync(long authorId, string text, Audience visibility) =>
        app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", visibility)));

    private Task<bool> FollowAsync(long follower, long followed) => app.WithServicesAsync(async s =>
    {
        await s.GetRequiredService<RelationshipService>().FollowAsync(follower, followed);
        return true;
    });

    private Task<bool> DefaultVisibilityAsync(long accountId, Audience visibility) => app.WithServicesAsync(async s =>
    {
        await s.GetRequiredService<PreferenceService>().UpdateAsync(accountId, new PreferencesUpdate { Visibility = visibility });
        return true;
    });

    [Theory]
    [InlineData(Audience.Public, "public")]
    [InlineData(Audience.Unlisted, "unlisted")]
    [InlineData(Audience.Members, "members_only")]
    [InlineData(Audience.Private, "private")]
    [InlineData(Audience.Direct, "direct")]
    public async Task TheReplyFormStartsWithTheParentsAudienceAndPostsIt(Audience parent, string expected)
    {
        var suffix = expected[..3];
        var author = await app.CreateUserAsync("rp_author_" + suffix);
        var replier = await app.CreateUserAsync("rp_replier_" + suffix);
        // The replier may read every kind of parent: they follow the author and are mentioned.
        await FollowAsync(replier.Id, author.Id);
        var question = await PostAsync(author.Id, $"@rp_replier_{suffix} who is coming?", parent);
        var url = $"/@rp_author_{suffix}/{question.Id}";
        var browser = await SignedInAsync("rp_replier_" + suffix);

        var page = await Html.GetAsync(browser, url);
        var form = page[page.IndexOf("id=\"reply\"", StringComparison.Ordinal)..];
        Assert.Equal(expected, SelectedOption().Matches(form).Select(m => m.Groups[1].Value).First());
        // Compact: the text area, then the folded options, closed, then the button.
        var text = form.IndexOf("id=\"compose-text\"", StringComparison.Ordinal);
        var more = form.IndexOf("<details class=\"composer-more\">", StringComparison.Ordinal);
        var visibility = form.IndexOf("id=\"compose-visibility\"", StringComparison.Ordinal);
        Assert.True(text >= 0 && more > text && visibility > more, "the reply form is a text area with its options folded below it");

        // A browser sends the fields of a closed <details> too: the reply keeps the parent's audience.
        var fields = new Dictionary<string, string> { ["Input.Text"] = $"@rp_author_{suffix} me!", ["Input.SpoilerText"] = "", ["Input.Visibility"] = expected };
        var response = await Html.PostFormAsync(browser, url, "compose", fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var reply = await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.AccountId == replier.Id));
        Assert.Equal(question.Id, reply.InReplyToId);
        Assert.Equal(parent, reply.Visibility);
    }

    [Fact]
    public async Task AMembersOwnNarrowerDefaultNarrowsAReplyToAPublicPostButNeverWidensOne()
    {
        var author = await app.CreateUserAsync("rp_wide_author");
        var replier = await app.CreateUserAsync("rp_wide_replier");
        await DefaultVisibilityAsync(replier.Id, Audience.Members);
        var open = await PostAsync(author.Id, "Open to everyone", Audience.Public);
        var browser = await SignedInAsync("rp_wide_replier");
        var page = await Html.GetAsync(browser, $"/@rp_wide_author/{open.Id}");
        Assert.Contains("<option value=\"members_only\" selected", page[page.IndexOf("id=\"reply\"", StringComparison.Ordinal)..], StringComparison.Ordinal);

        await DefaultVisibilityAsync(replier.Id, Audience.Public);
        var members = await PostAsync(author.Id, "Only among members", Audience.Members);
        page = await Html.GetAsync(browser, $"/@rp_wide_author/{members.Id}");
        Assert.Contains("<option value=\"members_only\" selected", page[page.IndexOf("id=\"reply\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppThatLeavesVisibilityOutRepliesWithTheParentsAudience()
    {
        await app.CreateUserAsync("rp_api_author");
        var replier = await app.CreateUserAsync("rp_api_replier");
        var authorToken = await app.TokenAsync("rp_api_author");
        var token = await app.TokenAsync("rp_api_replier");
        var open = await app.PostStatusAsync(authorToken, "A public question", "public");
        var members = await app.PostStatusAsync(authorToken, "A members' question", "members_only");
        var unlisted = await app.PostStatusAsync(authorToken, "An unlisted question", "unlisted");

        async Task<Audience> ReplyAsync(string parentId, string? visibility = null)
        {
            var fields = new Dictionary<string, string> { ["status"] = "an answer", ["in_reply_to_id"] = parentId };
            if (visibility is not null)
            {
                fields["visibility"] = visibility;
            }
            var posted = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(fields)), HttpStatusCode.OK);
            var id = long.Parse(posted.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            return await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == id).Select(s => s.Visibility).SingleAsync());
        }

        Assert.Equal(Audience.Public, await ReplyAsync(open.GetProperty("id").GetString()!));
        Assert.Equal(Audience.Members, await ReplyAsync(members.GetProperty("id").GetString()!));
        Assert.Equal(Audience.Unlisted, await ReplyAsync(unlisted.GetProperty("id").GetString()!));
        // What the app sends is what it gets, narrower or (for a public parent) the same.
        Assert.Equal(Audience.Private, await ReplyAsync(open.GetProperty("id").GetString()!, "private"));
        // The member's own default narrows a reply to a public post.
        await DefaultVisibilityAsync(replier.Id, Audience.Unlisted);
        Assert.Equal(Audience.Unlisted, await ReplyAsync(open.GetProperty("id").GetString()!));
        // A reply to a post the member may not read is not found, whatever its audience would have been.
        var stranger = await app.CreateUserAsync("rp_api_stranger");
        var hidden = await PostAsync(stranger.Id, "@rp_api_author only", Audience.Direct);
        var refused = await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "x", ["in_reply_to_id"] = hidden.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) }));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == replier.Id && s.InReplyToId == hidden.Id)));
    }
}

public sealed class ReplyPagesSqliteTests(SqliteApp app) : ReplyPagesTests(app), IClassFixture<SqliteApp>;

public sealed class ReplyPagesPostgresTests(PostgresApp app) : ReplyPagesTests(app), IClassFixture<PostgresApp>;
