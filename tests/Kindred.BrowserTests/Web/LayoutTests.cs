using System.Text.RegularExpressions;
using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// The layout on a phone (390 × 844) and a desktop (1280 × 900), in light and dark (ADR 90): a short header and a
/// bottom bar on the phone, one header row and no bar on the desktop, aria-current on the section, one row of
/// actions per post with the rest in a menu that opens without JavaScript, and axe clean in both colour schemes.
/// Runs on a server of its own with two members and a post.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LayoutTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "layout-tests-password-1";
    private OwnServer server = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("layout");
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync(new NewUser("nadia", "nadia@example.org", Password, Kindred.Data.Entities.UserRole.Member));
        await accounts.CreateUserAsync(new NewUser("tomas", "tomas@example.org", Password, Kindred.Data.Entities.UserRole.Member));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    /// <summary>The owner OwnServer's setup made.</summary>
    private const string OwnerPassword = "riverside-owner-2026";

    private async Task<IPage> SignedInAsync(string username, int width, int height, ColorScheme scheme = ColorScheme.Light, string password = Password)
    {
        var page = await server.NewPageAsync(fixture.Browser, width, height);
        // Five helpers share two cores: a page load timed out at 15 s under that load.
        page.SetDefaultTimeout(60_000);
        page.SetDefaultNavigationTimeout(60_000);
        await page.EmulateMediaAsync(new() { ColorScheme = scheme });
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        // A first sign-in opens the welcome page (ADR 91); these tests start from home.
        await page.WaitForURLAsync(url => !url.Contains("/account/sign-in", StringComparison.Ordinal));
        await page.GotoAsync("/");
        await Expect(page.GetByText(new Regex($"^Welcome( back)?, {Regex.Escape(username)}\\.$"))).ToBeVisibleAsync();
        return page;
    }

    private async Task<string> PostAsync(IPage page, string text)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("What would you like to share?").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await Expect(page.Locator(".post").First).ToContainTextAsync(text);
        return await page.Locator(".post .post-meta a").First.GetAttributeAsync("href") ?? throw new InvalidOperationException("no link to the post");
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task OnAPhoneTheHeaderIsShortAndTheSectionsAreInABottomBar(ColorScheme scheme)
    {
        var page = await SignedInAsync("nadia", 390, 844, scheme);
        await page.GotoAsync("/groups");

        var header = await page.Locator(".site-header").BoundingBoxAsync();
        Assert.NotNull(header);
        Assert.True(header.Height <= 120, $"the phone header is {header.Height} px tall");
        var bar = page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" });
        await Expect(bar).ToBeVisibleAsync();
        foreach (var name in new[] { "Home", "Groups", "Help", "Events", "Me" })
        {
            var link = bar.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            await Expect(link).ToBeVisibleAsync();
            var box = await link.BoundingBoxAsync();
            Assert.True(box!.Height >= 44 && box.Width >= 44, $"{name} is {box.Width} × {box.Height} px");
        }
        await Expect(bar.GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(bar.GetByRole(AriaRole.Link, new() { Name = "Home", Exact = true })).Not.ToHaveAttributeAsync("aria-current", "page");
        // The header's own section links give way to the bar; the search, notifications and menu stay.
        var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true })).ToBeHiddenAsync();
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Search", Exact = true })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Notifications" })).ToBeVisibleAsync();
        // Nothing hides under the bar: scrolled to the end, the footer ends above it.
        await page.EvaluateAsync("window.scrollTo(0, document.body.scrollHeight)");
        var footer = await page.Locator(".site-footer").BoundingBoxAsync();
        var barBox = await bar.BoundingBoxAsync();
        Assert.True(footer!.Y + footer.Height <= barBox!.Y + 1, $"the footer ends at {footer.Y + footer.Height}, the bar starts at {barBox.Y}");
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"the groups page on a phone ({scheme})", output.WriteLine);

        // The menu opens without JavaScript and holds the other links.
        await page.Locator(".site-menu > summary").ClickAsync();
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Settings" })).ToBeVisibleAsync();
        await Expect(main.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"the open menu on a phone ({scheme})", output.WriteLine);
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task OnADesktopTheHeaderIsOneRowAndThereIsNoBottomBar(ColorScheme scheme)
    {
        var page = await SignedInAsync("nadia", 1280, 900, scheme);
        await page.GotoAsync("/events");

        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Sections" })).ToBeHiddenAsync();
        var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
        var events = main.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true });
        await Expect(events).ToBeVisibleAsync();
        await Expect(events).ToHaveAttributeAsync("aria-current", "page");
        await Expect(main.GetByRole(AriaRole.Link, new() { Name = "Groups", Exact = true })).Not.ToHaveAttributeAsync("aria-current", "page");
        // One row: the brand, the sections, the search and the menu share a line.
        var brand = await page.Locator(".brand").BoundingBoxAsync();
        var menu = await page.Locator(".site-menu > summary").BoundingBoxAsync();
        var search = await page.Locator(".site-search").BoundingBoxAsync();
        Assert.True(Math.Abs(brand!.Y + brand.Height / 2 - (menu!.Y + menu.Height / 2)) < 12, $"brand at {brand.Y}, menu at {menu.Y}");
        Assert.True(Math.Abs(search!.Y + search.Height / 2 - (menu.Y + menu.Height / 2)) < 12, $"search at {search.Y}, menu at {menu.Y}");
        Assert.True((await page.Locator(".site-header").BoundingBoxAsync())!.Height <= 80);
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"the events page on a desktop ({scheme})", output.WriteLine);
    }

    [Theory]
    [InlineData("nadia", 800, "en")]
    [InlineData("organizer", 800, "en")]
    [InlineData("nadia", 1280, "en")]
    [InlineData("organizer", 1280, "en")]
    [InlineData("organizer", 601, "fr")]
    [InlineData("organizer", 900, "fr")]
    [InlineData("organizer", 1280, "fr")]
    public async Task BetweenAPhoneAndAWideScreenTheHeaderIsOneRow(string username, int width, string language)
    {
        var page = await SignedInAsync(username, width, 900, password: username == "organizer" ? OwnerPassword : Password);
        if (language == "fr")
        {
            await page.Context.AddCookiesAsync([new Cookie { Name = "kindred-lang", Value = "c=fr|uic=fr", Url = server.BaseUrl }]);
        }
        foreach (var path in new[] { "/", "/groups", "/notifications", "/settings/profile" })
        {
            await page.GotoAsync(path);
            // One row: 44 px targets in .5 rem of padding; a second row would make it at least 100 px.
            var header = await page.Locator(".site-header").BoundingBoxAsync();
            Assert.True(header!.Height <= 72, $"the header of {path} is {header.Height} px tall at {width} px ({username}, {language})");
            var brand = await page.Locator(".brand").BoundingBoxAsync();
            var menu = await page.Locator(".site-menu > summary").BoundingBoxAsync();
            var notifications = await page.Locator(".site-header .notifications-link").BoundingBoxAsync();
            Assert.True(Math.Abs(brand!.Y + brand.Height / 2 - (menu!.Y + menu.Height / 2)) < 12, $"brand at {brand.Y}, menu at {menu.Y} on {path}");
            Assert.True(Math.Abs(notifications!.Y + notifications.Height / 2 - (menu.Y + menu.Height / 2)) < 12, $"notifications at {notifications.Y}, menu at {menu.Y} on {path}");
            // The sections stay in the header at these widths; the bottom bar is the phone's.
            var main = page.Locator(".site-header nav");
            await Expect(main.Locator(".section-link")).ToHaveCountAsync(4);
            foreach (var link in await main.Locator(".section-link").AllAsync())
            {
                await Expect(link).ToBeVisibleAsync();
            }
            await Expect(page.Locator(".bottom-bar")).ToBeHiddenAsync();
            if (width >= 1280)
            {
                // On a laptop the charity's whole name shows, in French too: nothing is cut to "…".
                Assert.True(await page.Locator(".brand-name").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), $"the name is cut on {path} at {width} px ({language})");
            }
            // Nothing sticks out of the screen's width.
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways at {width} px");
        }
        await Accessibility.AssertNoSeriousViolationsAsync(page, $"the header at {width} px ({username}, {language})", output.WriteLine);
    }

    [Theory]
    [InlineData(390, 844, ColorScheme.Light)]
    [InlineData(390, 844, ColorScheme.Dark)]
    [InlineData(1280, 900, ColorScheme.Light)]
    public async Task EachPostHasOneRowOfActionsAndReportIsInItsMenu(int width, int height, ColorScheme scheme)
    {
        var tomas = await SignedInAsync("tomas", width, height, scheme);
        var path = await PostAsync(tomas, $"Spare bicycle pump to lend, {width} {scheme}");
        var nadia = await SignedInAsync("nadia", width, height, scheme);
        await nadia.GotoAsync(path);

        var card = nadia.Locator(".thread-main .post");
        var actions = card.Locator(".post-actions > .act, .post-actions > .action-menu > summary");
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < await actions.CountAsync(); i++)
        {
            var box = await actions.Nth(i).BoundingBoxAsync();
            Assert.True(box!.Height >= 44 && box.Width >= 44, $"action {i} is {box.Width} × {box.Height} px");
            boxes.Add(box);
        }
        Assert.Equal(5, boxes.Count);
        // One row: every action starts above where every other ends, and the row is no taller than two lines of them.
        Assert.True(boxes.Max(b => b.Y) < boxes.Min(b => b.Y + b.Height), "the actions wrap onto more than one row: " + string.Join(", ", boxes.Select(b => b.Y)));
        Assert.True(boxes.Max(b => b.Y + b.Height) - boxes.Min(b => b.Y) <= 72, "the row of actions is too tall");
        var report = card.GetByRole(AriaRole.Link, new() { Name = "Report", Exact = true });
        await Expect(report).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(nadia, $"a post at {width} px ({scheme})", output.WriteLine);

        await card.Locator(".action-menu > summary").ClickAsync();
        await Expect(report).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(nadia, $"a post's open action menu at {width} px ({scheme})", output.WriteLine);
        await report.ClickAsync();
        await Expect(nadia).ToHaveURLAsync(new Regex("/report\\?status="));

        // The favourite stays in its place, its icon filled, and says what pressing it again does.
        await nadia.GotoAsync(path);
        await card.GetByRole(AriaRole.Button, new() { Name = "Favourite", Exact = true }).ClickAsync();
        await Expect(card.GetByRole(AriaRole.Button, new() { Name = "Undo favourite" })).ToBeVisibleAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
