using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// A member reports a post, a moderator suspends its author from the report, the author's open session ends; the author
/// reads the suspension from the sign-in page and appeals, a second moderator approves, and the author signs in again
/// (ADR 67, ADR 71). Runs on a server of its own; axe on every page visited.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ModerationJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "moderation-journey-pw-1";
    private OwnServer server = null!;
    private string postPath = "";

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("moderation");
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync(new NewUser("rosa", "rosa@example.org", Password, UserRole.Member));
        var tom = await accounts.CreateUserAsync(new NewUser("tom", "tom@example.org", Password, UserRole.Member));
        await accounts.CreateUserAsync(new NewUser("moss", "moss@example.org", Password, UserRole.Moderator));
        await accounts.CreateUserAsync(new NewUser("june", "june@example.org", Password, UserRole.Moderator));
        var post = await scope.ServiceProvider.GetRequiredService<StatusService>()
            .CreateAsync(tom.Id, new NewStatus("Nobody wants you at the food bank, stay home.", server.BaseUrl, Audience.Public));
        postPath = $"/@tom/{post.Id}";
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<IPage> SignedInAsync(string username)
    {
        var page = await server.NewPageAsync(fixture.Browser);
        await SignInAsync(page, username);
        return page;
    }

    private static async Task SignInAsync(IPage page, string username)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
    }

    [Fact]
    public async Task AReportLeadsToASuspensionTheAuthorIsSignedOutAppealsAndAnotherModeratorLetsThemBackIn()
    {
        var tom = await SignedInAsync("tom");

        // Rosa reports the post from its card.
        var rosa = await SignedInAsync("rosa");
        await rosa.GotoAsync(postPath);
        // Report is in the post's action menu, beside the compact row of actions (ADR 90).
        await rosa.Locator(".post .action-menu > summary").First.ClickAsync();
        await rosa.GetByRole(AriaRole.Link, new() { Name = "Report", Exact = true }).First.ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(rosa, "the report page", output.WriteLine);
        await rosa.GetByLabel("What is wrong?").SelectOptionAsync("violation");
        await rosa.GetByLabel("Anything else the moderators should know? (optional)").FillAsync("He is driving people away.");
        await rosa.GetByRole(AriaRole.Button, new() { Name = "Send the report" }).ClickAsync();
        await Expect(rosa.GetByRole(AriaRole.Heading, new() { Name = "Thank you for your report", Level = 1 })).ToBeVisibleAsync();

        // Moss opens it from the moderation queue and suspends the author.
        var moss = await SignedInAsync("moss");
        await moss.GotoAsync("/moderation");
        await Accessibility.AssertNoSeriousViolationsAsync(moss, "the moderation queue", output.WriteLine);
        await moss.GetByRole(AriaRole.Link, new() { Name = "@rosa reported @tom" }).ClickAsync();
        await Expect(moss.GetByText("He is driving people away.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(moss, "the report page for moderators", output.WriteLine);
        await moss.GetByLabel("Action").SelectOptionAsync("suspend");
        await moss.GetByLabel("Message to the member").FillAsync("Telling people to stay away breaks our welcome rule.");
        await moss.GetByRole(AriaRole.Button, new() { Name = "Act", Exact = true }).ClickAsync();
        await Expect(moss.GetByRole(AriaRole.Status)).ToContainTextAsync("Done: the member is told by notification and e-mail.");

        // Tom's open browser is signed out at the next page.
        await tom.GotoAsync("/settings/profile");
        await Assertions.Expect(tom).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));

        // His password shows him the suspension and the appeal, not his account.
        await SignInAsync(tom, "tom");
        await Assertions.Expect(tom).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/suspended$"));
        await Expect(tom.GetByRole(AriaRole.Heading, new() { Name = "Your account is suspended", Level = 1 })).ToBeVisibleAsync();
        await Expect(tom.GetByText("Telling people to stay away breaks our welcome rule.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(tom, "the suspended member's page", output.WriteLine);
        await tom.GetByLabel("Appeal this decision: why should it change?").FillAsync("I meant the queue was full that day. I am sorry it read that way.");
        await tom.GetByRole(AriaRole.Button, new() { Name = "Send the appeal" }).ClickAsync();
        await Expect(tom.GetByRole(AriaRole.Status)).ToContainTextAsync("Your appeal is sent.");

        // June, another moderator, finds it from the queue and approves it.
        var june = await SignedInAsync("june");
        await june.GotoAsync("/moderation");
        await june.GetByRole(AriaRole.Link, new() { Name = "Waiting appeals: 1" }).ClickAsync();
        await Expect(june.GetByRole(AriaRole.Heading, new() { Name = "Appeals", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(june, "the appeals queue", output.WriteLine);
        await june.GetByRole(AriaRole.Link, new() { Name = "@tom appealed: Suspension" }).ClickAsync();
        await Expect(june.GetByText("I meant the queue was full that day.", new() { Exact = false })).ToBeVisibleAsync();
        await Expect(june.GetByText("Nobody wants you at the food bank, stay home.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(june, "an appeal for moderators", output.WriteLine);
        await june.GetByLabel("Approve: undo the decision").CheckAsync();
        await june.GetByLabel("Reply to the member").FillAsync("Thank you for explaining. Welcome back.");
        await june.GetByRole(AriaRole.Button, new() { Name = "Decide the appeal" }).ClickAsync();
        await Expect(june.GetByRole(AriaRole.Status)).ToContainTextAsync("Decided: the member is told by notification and e-mail.");

        // Tom signs in again and reads the answer.
        await SignInAsync(tom, "tom");
        await tom.GotoAsync("/settings/warnings");
        await Expect(tom.GetByRole(AriaRole.Heading, new() { Name = "Moderation decisions about your account", Level = 1 })).ToBeVisibleAsync();
        await Expect(tom.GetByText("Appeal approved: the decision was withdrawn")).ToBeVisibleAsync();
        await Expect(tom.GetByText("Thank you for explaining. Welcome back.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(tom, "the member's warnings page", output.WriteLine);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
