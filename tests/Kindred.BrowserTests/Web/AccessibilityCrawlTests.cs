using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Demo;
using Kindred.Core.Setup;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// axe over every page a member and the owner read in the demo community (WCAG 2.2 AA, target size included), in English
/// and French, in the light and the dark colour scheme: a page that only one journey visits is checked here too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCrawlTests(BrowserFixture fixture) : IAsyncLifetime
{
    private const string MemberPassword = "crawl-member-2026";
    private const string OwnerPassword = "crawl-owner-2026";

    private OwnServer server = null!;
    private DemoSeedResult demo = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("crawl", setUp: false);
        await using var scope = server.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SetupService>().CompleteAsync(new SetupRequest(
            DemoContent.OrganizationName, "Neighbours helping neighbours.", "en", "Montréal", "owner", "owner@demo.example.org", OwnerPassword));
        demo = await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync(server.BaseUrl, MemberPassword);
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData("en", ColorScheme.Light)]
    [InlineData("fr", ColorScheme.Dark)]
    [InlineData("en", ColorScheme.Dark)]
    [InlineData("fr", ColorScheme.Light)]
    public async Task Every_page_a_member_or_the_owner_reads_passes_axe(string language, ColorScheme scheme)
    {
        var member = demo.SampleUsernames[0];
        var facts = await FactsAsync(member);
        var memberPages = new List<string>
        {
            "/", "/groups", "/events", "/events/calendar", "/aid", "/notifications", "/messages", "/search?q=garden",
            "/settings/profile", "/settings/preferences", "/settings/account", "/settings/helping", "/settings/tags", "/lists", "/bookmarks",
            $"/@{member}", $"/groups/{facts.Group}", $"/events/{facts.Event}", $"/aid/{facts.Aid}", "/aid/new", "/events/new",
            "/groups/new", "/invitations", "/aid/mine", "/favourites", $"/groups/{facts.Group}/members", "/settings/follow-requests",
        };
        if (facts.Post is { } post)
        {
            memberPages.Add($"/@{member}/{post}");
        }
        string[] ownerPages =
        [
            "/staff", "/staff/people", "/staff/inbox", "/staff/insights", "/staff/announcements", "/moderation", "/admin/users",
            "/admin/organization", "/admin/audit", "/admin/invitations", "/admin/reports", "/admin/jobs", "/admin/sign-up-rules",
            "/admin/aid-categories", "/admin/aid/figures", "/admin/style", "/admin/places", "/admin/referrals",
        ];

        await CrawlAsync(language, scheme, "/about", null, null, ["/about", "/account/sign-in", "/account/sign-up"]);
        await CrawlAsync(language, scheme, null, member, MemberPassword, memberPages);
        await CrawlAsync(language, scheme, null, "owner", OwnerPassword, ownerPages);
    }

    private async Task CrawlAsync(string language, ColorScheme scheme, string? start, string? username, string? password, IEnumerable<string> paths)
    {
        await using var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            Locale = language == "fr" ? "fr-CA" : "en-CA",
            ColorScheme = scheme,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
        });
        context.SetDefaultTimeout(15_000);
        await context.AddCookiesAsync([new Cookie { Name = "kindred-lang", Value = $"c={language}|uic={language}", Url = server.BaseUrl }]);
        var page = await context.NewPageAsync();
        if (username is not null)
        {
            await page.GotoAsync("/account/sign-in");
            await page.Locator("#signin-username").FillAsync(username);
            await page.Locator("#signin-password").FillAsync(password!);
            await page.Locator("#signin-password").PressAsync("Enter");
            // A first sign-in also prepares the welcome page: slow on a busy machine, so the wait is generous.
            await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal), new() { Timeout = 60_000 });
        }
        else if (start is not null)
        {
            await page.GotoAsync(start);
        }
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response is { Status: 200 }, $"{path} answered {response?.Status} to {username ?? "a visitor"}");
            Assert.Equal(language, await page.Locator("html").GetAttributeAsync("lang"));
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"{path} ({language}, {scheme}, {username ?? "visitor"})", wcag22: true);
        }
    }

    private async Task<(string Group, long Event, long Aid, long? Post)> FactsAsync(string member)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
        var id = await db.Accounts.Where(a => a.Username == member).Select(a => a.Id).SingleAsync();
        var group = await db.GroupMemberships.Where(m => m.AccountId == id).Join(db.Groups, m => m.GroupId, g => g.Id, (m, g) => g.Slug).FirstAsync();
        var ev = await db.Events.Where(e => e.Visibility == EventVisibility.Public).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var aid = await db.AidItems.Where(i => i.AccountId == id).OrderBy(i => i.Id).Select(i => i.Id).FirstOrDefaultAsync();
        if (aid == 0)
        {
            aid = await db.AidItems.Where(i => i.Audience == AidAudience.Members).OrderBy(i => i.Id).Select(i => i.Id).FirstAsync();
        }
        var post = await db.Statuses.Where(s => s.AccountId == id && s.InReplyToId == null && s.GroupId == null && s.ReblogOfId == null && s.DeletedAt == null && s.Visibility == Audience.Public).OrderBy(s => s.Id).Select(s => (long?)s.Id).FirstOrDefaultAsync();
        return (group, ev, aid, post);
    }
}
