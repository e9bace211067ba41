using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// A member asks the organization a question; a staff member finds it from the staff console, answers as the
/// organization from the inbox, and the member reads the organization's answer (ADR 66). Runs on a server of its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InboxJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "inbox-journey-pw-1";
    private OwnServer server = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("inbox");
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        await accounts.CreateUserAsync(new NewUser("mia", "mia@example.org", Password, UserRole.Member));
        await accounts.CreateUserAsync(new NewUser("sam", "sam@example.org", Password, UserRole.Staff));
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private async Task<IPage> SignedInAsync(string username)
    {
        var page = await server.NewPageAsync(fixture.Browser);
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        // A first sign-in opens the welcome page (ADR 91); this journey starts from home.
        await Assertions.Expect(page).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await page.GotoAsync("/");
        return page;
    }

    [Fact]
    public async Task AMemberMentionsTheOrganizationStaffAnswerAsTheOrganizationAndTheMemberReadsIt()
    {
        var mia = await SignedInAsync("mia");
        await mia.GetByLabel("What would you like to share?").FillAsync("@riversidefoodbank Do you need volunteers on Saturday?");
        await mia.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();

        var sam = await SignedInAsync("sam");
        await sam.GotoAsync("/staff");
        var needsReply = sam.GetByRole(AriaRole.Link, new() { Name = "Conversations that need a reply: 1" });
        await Expect(needsReply).ToBeVisibleAsync();
        await needsReply.ClickAsync();
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "Inbox", Level = 1 })).ToBeVisibleAsync();
        await Expect(sam.GetByText("Do you need volunteers on Saturday?")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(sam, "the staff inbox", output.WriteLine);

        await sam.GetByRole(AriaRole.Link, new() { Name = "mia" }).First.ClickAsync();
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "Conversation with @mia" })).ToBeVisibleAsync();
        await sam.GetByRole(AriaRole.Link, new() { Name = "Write an answer" }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(sam, "an inbox conversation with the reply box open", output.WriteLine);
        await sam.GetByLabel("Answer", new() { Exact = true }).FillAsync("Yes please! Come to the depot at 9.");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Send as the organization" }).ClickAsync();
        await Expect(sam.GetByRole(AriaRole.Status)).ToContainTextAsync("Your answer was sent as the organization.");
        await sam.GotoAsync("/staff/inbox");
        await Expect(sam.GetByText("Nothing here.")).ToBeVisibleAsync();

        // The member is told of the organization's reply and reads it; the post is the organization's.
        await mia.GotoAsync("/notifications");
        await mia.GetByRole(AriaRole.Link, new() { Name = "Show post" }).First.ClickAsync();
        await Expect(mia.GetByText("Come to the depot at 9.")).ToBeVisibleAsync();
        await Assertions.Expect(mia).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/@riversidefoodbank/"));
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
