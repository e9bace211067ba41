using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// What a visitor who is not signed in sees first: the landing page, /about and a public profile with its share links,
/// on a small phone, by keyboard, with axe. Runs on a server of its own (the shared one starts from a fresh install).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PublicFaceTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private OwnServer server = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("public");
        await using var scope = server.Services.CreateAsyncScope();
        var nadia = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(new NewUser("nadia", "nadia@example.org", "public-face-password-1", UserRole.Member));
        await scope.ServiceProvider.GetRequiredService<StatusService>().CreateAsync(nadia.Id, new NewStatus("Soup on Friday at the community hall #food", server.BaseUrl.TrimEnd('/'), Audience.Public));
        var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
        db.Groups.Add(new Group
        {
            Id = 42,
            Slug = "allotments",
            Name = "Allotment growers",
            DescriptionHtml = "<p>Seeds, tools and advice.</p>",
            Visibility = GroupVisibility.Public,
            CreatedById = nadia.Id,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
            MembersCount = 1,
        });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task AVisitorOnASmallPhoneSeesWhatTheCommunityIsAndCanReachTheWayIn()
    {
        var page = await server.NewPageAsync(fixture.Browser, 320, 640);

        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Riverside Food Bank", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Allotment growers" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Soup on Friday at the community hall")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the landing page", output.WriteLine);
        // Nothing wider than the phone.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));

        // The way in is reachable by keyboard.
        var signUp = page.Locator("#join").GetByRole(AriaRole.Link, new() { Name = "Sign up" });
        for (var i = 0; i < 40 && !await signUp.EvaluateAsync<bool>("e => e === document.activeElement"); i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }
        await Assertions.Expect(signUp).ToBeFocusedAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "About this community" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "About Riverside Food Bank", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "the about page", output.WriteLine);

        await page.GotoAsync("/@nadia");
        await Assertions.Expect(page.GetByLabel("Link to copy")).ToHaveValueAsync(server.BaseUrl.TrimEnd('/') + "/@nadia");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "a public profile with share links", output.WriteLine);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
    }
}
