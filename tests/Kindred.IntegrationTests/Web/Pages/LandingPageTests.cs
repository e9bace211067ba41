using System.Globalization;
using System.Text.Json;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Web.Pages;

/// <summary>The organization's landing page at / for visitors who are not signed in, and /about.</summary>
public abstract class LandingPageTests(KindredApp app)
{
    private static int users;

    private async Task<(User User, string Token)> MemberAsync(string prefix)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        return (user, await app.TokenAsync(name));
    }

    private static IHtmlDocument Parse(string page) => new HtmlParser().ParseDocument(page);

    [Fact]
    public async Task VisitorsSeeTheOrganizationItsPublicGroupsAndOnlyPublicPosts()
    {
        var (author, token) = await MemberAsync("landing");
        var stamp = Guid.NewGuid().ToString("N")[..8];
        var quiet = await TestGroups.CreateAsync(app, "quiet-" + stamp, GroupVisibility.Public, author.Id, "No posts yet", lastStatusAt: null, members: 40);
        var busy = await TestGroups.CreateAsync(app, "busy-" + stamp, GroupVisibility.Public, author.Id, "Gardeners of the east side", lastStatusAt: DateTime.UtcNow, members: 3);
        var members = await TestGroups.CreateAsync(app, "members-" + stamp, GroupVisibility.Members, author.Id, lastStatusAt: DateTime.UtcNow);
        var secret = await TestGroups.CreateAsync(app, "secret-" + stamp, GroupVisibility.Secret, author.Id, lastStatusAt: DateTime.UtcNow);

        await app.PostStatusAsync(token, $"public-{stamp}");
        await app.PostStatusAsync(token, $"unlisted-{stamp}", "unlisted");
        await app.PostStatusAsync(token, $"members-{stamp}", "members_only");
        await app.PostStatusAsync(token, $"private-{stamp}", "private");
        await app.PostStatusAsync(token, $"direct-{stamp} @owner", "direct");
        var inPublicGroup = (await app.PostStatusAsync(token, $"public-group-{stamp}")).GetProperty("id").GetString()!;
        await TestGroups.MoveIntoAsync(app, inPublicGroup, busy.Id);
        var inMembersGroup = (await app.PostStatusAsync(token, $"members-group-{stamp}")).GetProperty("id").GetString()!;
        await TestGroups.MoveIntoAsync(app, inMembersGroup, members.Id);
        var inSecretGroup = (await app.PostStatusAsync(token, $"secret-group-{stamp}")).GetProperty("id").GetString()!;
        await TestGroups.MoveIntoAsync(app, inSecretGroup, secret.Id);

        var page = await Html.GetAsync(app.Browser(), "/");
        var document = Parse(page);

        Assert.Equal("Helping Hands", document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Neighbours helping neighbours.", page, StringComparison.Ordinal);
        Assert.Contains("Based in Lyon", page, StringComparison.Ordinal);

        // Public groups, the active one before the larger quiet one; members-only and secret groups are not named.
        var groupLinks = document.QuerySelectorAll("#landing-groups ~ ul a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"/groups/{busy.Slug}", groupLinks);
        Assert.Contains($"/groups/{quiet.Slug}", groupLinks);
        Assert.True(groupLinks.IndexOf($"/groups/{busy.Slug}") < groupLinks.IndexOf($"/groups/{quiet.Slug}"));
        Assert.Contains("Gardeners of the east side", page, StringComparison.Ordinal);
        Assert.DoesNotContain(members.Slug, page, StringComparison.Ordinal);
        Assert.DoesNotContain(secret.Slug, page, StringComparison.Ordinal);

        // Public posts, also from a public group; nothing else.
        Assert.Contains($"public-{stamp}", page, StringComparison.Ordinal);
        Assert.Contains($"public-group-{stamp}", page, StringComparison.Ordinal);
        foreach (var hidden in new[] { "unlisted", "members", "private", "direct", "members-group", "secret-group" })
        {
            Assert.DoesNotContain($"{hidden}-{stamp}", page, StringComparison.Ordinal);
        }

        // Open registrations: sign up, and sign in.
        var join = document.QuerySelector("#join")!;
        Assert.Contains(join.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/account/sign-up" && a.TextContent.Trim() == "Sign up");
        Assert.Contains(join.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/account/sign-in");
        Assert.Contains(join.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/about");

        // No heading for events, which do not exist yet.
        Assert.DoesNotContain(document.QuerySelectorAll("h2"), h => h.TextContent.Contains("event", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheLandingPageDescribesTheOrganizationToSearchEnginesAndLinkPreviews()
    {
        var document = Parse(await Html.GetAsync(app.Browser(), "/"));

        Assert.Equal("Helping Hands", Meta(document, "og:title"));
        Assert.Equal("Helping Hands", Meta(document, "og:site_name"));
        Assert.Equal("website", Meta(document, "og:type"));
        Assert.Equal("http://localhost/", Meta(document, "og:url"));
        Assert.Equal("Neighbours helping neighbours.", Meta(document, "og:description"));
        Assert.Equal("summary", Meta(document, "twitter:card"));
        Assert.Contains(document.Head!.QuerySelectorAll("link[rel=alternate]"), l => l.GetAttribute("href") == "http://localhost/community.rss");
        var data = JsonLdOf(document).Single();
        Assert.Equal("https://schema.org", data.GetProperty("@context").GetString());
        Assert.Equal("Organization", data.GetProperty("@type").GetString());
        Assert.Equal("Helping Hands", data.GetProperty("name").GetString());
        Assert.Equal("Lyon", data.GetProperty("areaServed").GetProperty("name").GetString());
    }

    [Fact]
    public async Task SignedInMembersKeepTheirHomeFeed()
    {
        var (user, _) = await MemberAsync("homey");
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, user.UserName!, KindredApp.Password);

        var document = Parse(await Html.GetAsync(browser, "/"));

        Assert.NotNull(document.QuerySelector("form textarea"));
        Assert.Null(document.QuerySelector("#join"));
        Assert.Contains(document.QuerySelectorAll("h2"), h => h.TextContent.Trim() == "Your feed");
    }

    [Fact]
    public async Task TheAboutPageSaysWhatTheCommunityIsAndHowToJoin()
    {
        await app.WithDbAsync(async db =>
        {
            if (!db.InstanceRules.Any())
            {
                db.InstanceRules.Add(new InstanceRule { Position = 0, Text = "Be kind to each other", Hint = "No insults" });
                await db.SaveChangesAsync();
            }
        });

        var page = await Html.GetAsync(app.Browser(), "/about");
        var document = Parse(page);

        Assert.Equal("About Helping Hands", document.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("Be kind to each other", page, StringComparison.Ordinal);
        Assert.Contains("Anyone may sign up.", page, StringComparison.Ordinal);
        Assert.Contains("mailto:owner@example.org", page, StringComparison.Ordinal);
        Assert.Equal("Organization", JsonLdOf(document).Single().GetProperty("@type").GetString());

        var french = Parse(await Html.GetAsync(app.Browser(), "/about?culture=fr"));
        Assert.Equal("À propos de Helping Hands", french.QuerySelector("h1")!.TextContent.Trim());
    }

    internal static string? Meta(IHtmlDocument document, string key) =>
        document.Head!.QuerySelectorAll("meta")
            .FirstOrDefault(m => (m.GetAttribute("property") ?? m.GetAttribute("name")) == key)?.GetAttribute("content");

    internal static List<JsonElement> JsonLdOf(IHtmlDocument document) =>
        document.QuerySelectorAll("script[type='application/ld+json']")
            .Select(s => JsonDocument.Parse(s.TextContent).RootElement.Clone())
            .ToList();
}

public sealed class LandingPageSqliteTests(SqliteApp app) : LandingPageTests(app), IClassFixture<SqliteApp>;

public sealed class LandingPagePostgresTests(PostgresApp app) : LandingPageTests(app), IClassFixture<PostgresApp>;

/// <summary>What the landing and about pages offer in the two other registration modes.</summary>
public sealed class LandingPageModeTests(ApprovalModeApp approval, InviteModeApp invite) : IClassFixture<ApprovalModeApp>, IClassFixture<InviteModeApp>
{
    [Fact]
    public async Task InApprovalModeVisitorsAreInvitedToRequestToJoin()
    {
        var document = new HtmlParser().ParseDocument(await Html.GetAsync(approval.Browser(), "/"));

        var join = document.QuerySelector("#join")!;
        Assert.Contains(join.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/account/sign-up" && a.TextContent.Trim() == "Request to join");
        Assert.DoesNotContain(join.QuerySelectorAll("a"), a => a.TextContent.Trim() == "Sign up");
        Assert.Contains("the organization looks at each request", await Html.GetAsync(approval.Browser(), "/about"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InInviteModeVisitorsAreToldToAskAMemberForAnInvitation()
    {
        var document = new HtmlParser().ParseDocument(await Html.GetAsync(invite.Browser(), "/"));

        var join = document.QuerySelector("#join")!;
        Assert.Contains("Ask a member for an invitation", join.TextContent, StringComparison.Ordinal);
        Assert.Contains(join.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/account/sign-up" && a.TextContent.Trim() == "I have an invitation");
        Assert.DoesNotContain(join.QuerySelectorAll("a"), a => a.TextContent.Trim() is "Sign up" or "Request to join");
        Assert.Contains(join.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/account/sign-in");

        var french = new HtmlParser().ParseDocument(await Html.GetAsync(invite.Browser(), "/?culture=fr"));
        Assert.Contains("J’ai une invitation", french.QuerySelector("#join")!.TextContent, StringComparison.Ordinal);
    }
}
