using System.Text.RegularExpressions;
using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// Two members in two browsers: one follows the other, the other posts, and the first sees the new post and the
/// notification count arrive without reloading. Runs on a server of its own, because the shared one belongs to the
/// newcomer journey, which starts from a fresh install.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveUpdatesTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "live-updates-password-1";
    private OwnServer server = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("live");
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync(new NewUser("lina", "lina@example.org", Password, Kindred.Data.Entities.UserRole.Member));
        await accounts.CreateUserAsync(new NewUser("omar", "omar@example.org", Password, Kindred.Data.Entities.UserRole.Member));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<IPage> SignedInAsync(string username)
    {
        var page = await server.NewPageAsync(fixture.Browser);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        // A first sign-in opens the welcome page (ADR 91); these journeys start from home.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/sign-in"));
        await page.GotoAsync("/");
        await Expect(page.GetByText(new Regex($"^Welcome( back)?, {username}\\.$"))).ToBeVisibleAsync();
        return page;
    }

    [Fact]
    public async Task AFollowersFeedAndNotificationCountUpdateLiveWhenSomeoneTheyFollowPosts()
    {
        var lina = await SignedInAsync("lina");
        await lina.GotoAsync("/@omar");
        await lina.GetByRole(AriaRole.Button, new() { Name = "Follow" }).ClickAsync();
        await lina.GotoAsync("/");
        var count = lina.Locator(".notifications-link .count");
        await Expect(count).ToBeHiddenAsync();

        var omar = await SignedInAsync("omar");
        await omar.GetByLabel("What would you like to share?").FillAsync("Fresh bread at the stall today, @lina");
        await omar.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        // Lina's page, untouched since it loaded, learns of the post and the mention.
        var banner = lina.GetByRole(AriaRole.Link, new() { Name = "1 new post — show" });
        await Expect(banner).ToBeVisibleAsync();
        await Expect(count).ToHaveTextAsync("1");
        await banner.ClickAsync();
        await Expect(lina.GetByText("Fresh bread at the stall today")).ToBeVisibleAsync();

        // She answers from the post's page; the reply joins the thread Omar sees.
        await lina.GetByRole(AriaRole.Link, new() { Name = "Reply" }).First.ClickAsync();
        await lina.GetByLabel("Your reply").FillAsync("Saving me a loaf, @omar?");
        await lina.GetByRole(AriaRole.Button, new() { Name = "Reply", Exact = true }).ClickAsync();
        await Expect(lina.GetByText("Saving me a loaf")).ToBeVisibleAsync();
        await omar.GotoAsync(lina.Url);
        await Expect(omar.GetByText("Fresh bread at the stall today")).ToBeVisibleAsync();
        await Expect(omar.GetByText("Saving me a loaf")).ToBeVisibleAsync();

        await lina.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Notifications" }).ClickAsync();
        await Expect(lina).ToHaveURLAsync(new Regex("/notifications$"));
        await Expect(lina.GetByText("omar mentioned you")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(lina, "the notifications page", output.WriteLine);
        // The mentions tab is a plain link (ADR 85): the card quotes what was said and leads to the post.
        await lina.GetByRole(AriaRole.Navigation, new() { Name = "Kinds of notifications" }).GetByRole(AriaRole.Link, new() { Name = "Mentions" }).ClickAsync();
        await Expect(lina).ToHaveURLAsync(new Regex("/notifications\\?filter=mentions$"));
        await Expect(lina.Locator(".notification-excerpt").First).ToContainTextAsync("Fresh bread at the stall today");
        await Accessibility.AssertNoSeriousViolationsAsync(lina, "the mentions tab of the notifications page", output.WriteLine);
        await lina.GotoAsync("/");
        await Expect(count).ToBeHiddenAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(lina, "the home page with live updates", output.WriteLine);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
