using System.Text.RegularExpressions;
using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.Core.Aid;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// Mutual aid from end to end: a vetted helper opts in for childcare, a member posts a sensitive childcare request, the
/// matching pass tells the helper, who answers; the requester accepts and marks it fulfilled. Visitors get a 404 for
/// the item. Runs on a server of its own; the matching pass is called from the server's own services, as its job would.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class AidJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "aid-journey-pw-1";
    private OwnServer server = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("aid");
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var db = scope.ServiceProvider.GetRequiredService<KindredDbContext>();
        foreach (var name in new[] { "dana", "eliot" })
        {
            var user = await accounts.CreateUserAsync(new NewUser(name, name + "@example.org", Password, UserRole.Member));
            // Both live in Lyon (their profiles' home area) and joined long enough ago to answer sensitive requests.
            await db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s
                .SetProperty(a => a.AreaName, "Croix-Rousse").SetProperty(a => a.Latitude, 45.77).SetProperty(a => a.Longitude, 4.83));
            var joined = DateTime.UtcNow.AddDays(-60);
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, joined).SetProperty(u => u.ApprovedAt, joined));
        }
        var organizer = await db.Users.Where(u => u.UserName == "organizer").Select(u => u.Id).FirstAsync();
        await scope.ServiceProvider.GetRequiredService<AidRoleService>()
            .GrantAsync(organizer, "dana", DateOnly.FromDateTime(DateTime.UtcNow), "References and a background check.");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Task<IPage> NewPageAsync() => server.NewPageAsync(fixture.Browser);

    private static async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
    }

    [Fact]
    public async Task AVettedHelperIsToldAboutASensitiveRequestAnswersAndTheRequesterAcceptsIt()
    {
        // The helper says what she can do, from the settings.
        var dana = await NewPageAsync();
        await SignInAsync(dana, "dana");
        await dana.GotoAsync("/settings/helping");
        await Expect(dana.GetByText("Distances are measured from your home area: Croix-Rousse.")).ToBeVisibleAsync();
        await dana.GetByLabel("Childcare", new() { Exact = true }).CheckAsync();
        await dana.GetByLabel("Distance for Childcare, in km").FillAsync("15");
        await dana.GetByRole(AriaRole.Button, new() { Name = "Save what I can help with" }).ClickAsync();
        await Expect(dana.GetByRole(AriaRole.Status)).ToContainTextAsync("Saved what you can help with.");
        await Expect(dana.GetByLabel("Childcare", new() { Exact = true })).ToBeCheckedAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(dana, "the helping settings", output.WriteLine);

        // The requester asks, marking it sensitive; the area starts as her profile's.
        var eliot = await NewPageAsync();
        await SignInAsync(eliot, "eliot");
        await eliot.GotoAsync("/aid/new");
        await Accessibility.AssertNoSeriousViolationsAsync(eliot, "the new aid item form", output.WriteLine);
        await eliot.GetByLabel("I need help").CheckAsync();
        await eliot.GetByLabel("Category").SelectOptionAsync("childcare");
        await eliot.GetByLabel("Title").FillAsync("School pick-up on Tuesday");
        await eliot.GetByLabel("Details (optional)").FillAsync("My son finishes at 4:30.");
        await eliot.GetByLabel("This is sensitive").CheckAsync();
        await eliot.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Expect(eliot.GetByRole(AriaRole.Heading, new() { Name = "School pick-up on Tuesday", Level = 1 })).ToBeVisibleAsync();
        var itemUrl = eliot.Url;
        Assert.Matches(ItemPath(), new Uri(itemUrl).AbsolutePath);
        await Accessibility.AssertNoSeriousViolationsAsync(eliot, "the aid item page for its owner", output.WriteLine);

        // The suggestions page counts the helper without naming her.
        await eliot.GetByRole(AriaRole.Link, new() { Name = "Suggestions" }).ClickAsync();
        await Expect(eliot.GetByText("Helpers who fit: 1")).ToBeVisibleAsync();
        Assert.DoesNotContain("dana", await eliot.ContentAsync(), StringComparison.OrdinalIgnoreCase);

        // The matching pass (the job's work, run now rather than waiting for its timer).
        await using (var scope = server.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<AidMatching>().RunAsync();
        }

        // The helper is told, opens the request and answers.
        await dana.GotoAsync("/notifications");
        await Expect(dana.GetByText("posted in mutual aid something you may be able to help with or use")).ToBeVisibleAsync();
        await dana.GetByRole(AriaRole.Link, new() { Name = "Show the request or offer" }).First.ClickAsync();
        await Expect(dana.GetByRole(AriaRole.Heading, new() { Name = "School pick-up on Tuesday", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(dana, "the aid item page for a helper", output.WriteLine);
        await dana.GetByRole(AriaRole.Link, new() { Name = "I can help", Exact = true }).ClickAsync();
        await dana.GetByLabel("Write your message").FillAsync("I live nearby and can fetch him on Tuesday.");
        await dana.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();
        await Expect(dana.GetByText("I live nearby and can fetch him on Tuesday.")).ToBeVisibleAsync();
        var conversationPath = new Uri(dana.Url).AbsolutePath;
        Assert.StartsWith("/aid/conversations/", conversationPath, StringComparison.Ordinal);
        await Accessibility.AssertNoSeriousViolationsAsync(dana, "the aid conversation page", output.WriteLine);

        // The requester reads the answer, accepts it, and later marks the request fulfilled.
        await eliot.GotoAsync(itemUrl);
        await eliot.GetByRole(AriaRole.Link, new() { Name = "Responses" }).ClickAsync();
        await eliot.Locator($"a[href='{conversationPath}']").ClickAsync();
        await Expect(eliot.GetByText("I live nearby and can fetch him on Tuesday.")).ToBeVisibleAsync();
        await eliot.GetByRole(AriaRole.Button, new() { Name = "Accept this answer" }).ClickAsync();
        await Expect(eliot.GetByRole(AriaRole.Status)).ToContainTextAsync("You accepted this answer.");
        await eliot.GetByRole(AriaRole.Button, new() { Name = "Mark this as fulfilled" }).ClickAsync();
        await Expect(eliot.GetByRole(AriaRole.Status)).ToContainTextAsync("Marked as fulfilled.");

        // A visitor who is not signed in cannot tell the request exists.
        var visitor = await NewPageAsync();
        var response = await visitor.GotoAsync(itemUrl);
        Assert.Equal(404, response!.Status);
    }

    [GeneratedRegex("^/aid/[0-9]+$")]
    private static partial Regex ItemPath();

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
