using System.Text.RegularExpressions;
using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.Core.Groups;
using Kindred.Core.Places;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// A community growing through its members: a member invites a friend, who accepts the invitation, finds the local
/// group near her home, joins it and posts in it. Runs on a server of its own (the shared one starts from a fresh
/// install for the newcomer journey).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InvitationJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "invitation-journey-pw-1";
    private OwnServer server = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("invite");
        await using var scope = server.Services.CreateAsyncScope();
        var lina = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(new NewUser("lina", "lina@example.org", Password, UserRole.Member));
        var groups = scope.ServiceProvider.GetRequiredService<GroupService>();
        // A local group around the Croix-Rousse in Lyon, and one in Marseille, 280 km away.
        await groups.CreateAsync(lina.Id, new GroupInput
        {
            Name = "Croix-Rousse Gardeners",
            Description = "Allotments, seed swaps and watering rotas on the hill.",
            Rules = "Be kind. No selling.",
            Kind = GroupKind.Place,
            Visibility = GroupVisibility.Public,
            JoinPolicy = GroupJoinPolicy.Open,
            AreaName = "Croix-Rousse",
            Latitude = 45.77,
            Longitude = 4.83,
            RadiusKm = 3,
            Tags = ["gardening"],
        });
        await groups.CreateAsync(lina.Id, new GroupInput
        {
            Name = "Vieux-Port Sailors",
            Kind = GroupKind.Place,
            Visibility = GroupVisibility.Public,
            JoinPolicy = GroupJoinPolicy.Open,
            AreaName = "Marseille",
            Latitude = 43.30,
            Longitude = 5.37,
            RadiusKm = 5,
        });
        // The organization's places (ADR 88): newcomers choose their area by name.
        var organizer = await scope.ServiceProvider.GetRequiredService<KindredDbContext>().Users.SingleAsync(u => u.UserName == "organizer");
        await scope.ServiceProvider.GetRequiredService<PlaceService>().AddAsync(organizer.Id,
            new PlaceInput { Name = "Croix-Rousse", Kind = PlaceKind.Neighbourhood, Latitude = 45.78, Longitude = 4.83 });
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    private Task<IPage> NewPageAsync() => server.NewPageAsync(fixture.Browser);

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Username or e-mail").FillAsync(username);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
    }

    [Fact]
    public async Task ANewcomerAcceptsAnInvitationJoinsALocalGroupNearHerAndPostsInIt()
    {
        // Lina invites a friend with a personal link.
        var lina = await NewPageAsync();
        await SignInAsync(lina, "lina", Password);
        await lina.GotoAsync("/invitations");
        await Accessibility.AssertNoSeriousViolationsAsync(lina, "the my-invitations page", output.WriteLine);
        await lina.GetByLabel("Message to the people you invite (optional)").FillAsync("Come and garden with us!");
        await lina.GetByLabel("How many people can use it").FillAsync("1");
        await lina.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();
        var link = (await lina.GetByRole(AriaRole.Status).Locator("code").TextContentAsync() ?? "").Trim();
        Assert.StartsWith(server.BaseUrl + "/invite/", link, StringComparison.Ordinal);

        // Her friend opens it: who invited her and the message, then an account.
        var sara = await NewPageAsync();
        await sara.GotoAsync(link);
        await Expect(sara.GetByRole(AriaRole.Heading, new() { Name = "You are invited to join Riverside Food Bank", Level = 1 })).ToBeVisibleAsync();
        await Expect(sara.GetByText("Come and garden with us!")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(sara, "the invitation page", output.WriteLine);
        await sara.GetByRole(AriaRole.Link, new() { Name = "Accept and create my account" }).ClickAsync();
        await sara.GetByLabel("Username").FillAsync("sara");
        await sara.GetByLabel("E-mail").FillAsync("sara@example.org");
        await sara.GetByLabel("Password").FillAsync("croix-rousse-seeds-9");
        await sara.GetByLabel("I accept these rules").CheckAsync();
        await sara.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(sara.GetByText("Check your e-mail")).ToBeVisibleAsync();
        var confirmLink = await Mailbox.LinkAsync(server.Server.MailDirectory, "sara@example.org", server.BaseUrl + "/account/confirm");
        await sara.GotoAsync(confirmLink);
        await Expect(sara.GetByText("Thank you, your e-mail address is confirmed.")).ToBeVisibleAsync();
        await SignInAsync(sara, "sara", "croix-rousse-seeds-9");
        // Her first sign-in opens the welcome page (ADR 91).
        await Expect(sara.GetByRole(AriaRole.Heading, new() { Name = "Welcome, sara", Level = 1 })).ToBeVisibleAsync();

        // She gives her home area, coarse, on her profile.
        await sara.GotoAsync("/settings/profile");
        await sara.GetByLabel("Home area").SelectOptionAsync(new SelectOptionValue { Label = "Croix-Rousse" });
        await sara.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Expect(sara.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile has been saved.");

        // The directory finds the group near her and not the one in Marseille.
        await sara.GotoAsync("/groups");
        await sara.GetByLabel("Near me").CheckAsync();
        await sara.GetByLabel("Within").SelectOptionAsync(new SelectOptionValue { Label = "10 km" });
        await sara.GetByRole(AriaRole.Button, new() { Name = "Find groups" }).ClickAsync();
        await Expect(sara.GetByRole(AriaRole.Link, new() { Name = "Croix-Rousse Gardeners" })).ToBeVisibleAsync();
        await Expect(sara.GetByRole(AriaRole.Link, new() { Name = "Vieux-Port Sailors" })).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(sara, "the group directory near me", output.WriteLine);

        // She joins it, accepting its rules, and posts in it.
        await sara.GetByRole(AriaRole.Link, new() { Name = "Croix-Rousse Gardeners" }).ClickAsync();
        await Expect(sara).ToHaveURLAsync(new Regex("/groups/[a-z0-9-]+$"));
        var groupUrl = sara.Url;
        await Accessibility.AssertNoSeriousViolationsAsync(sara, "the group page", output.WriteLine);
        await sara.GetByRole(AriaRole.Link, new() { Name = "Join this group" }).ClickAsync();
        await Expect(sara.GetByText("Be kind. No selling.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(sara, "the join page", output.WriteLine);
        await sara.GetByLabel("I accept the rules of the group").CheckAsync();
        await sara.GetByRole(AriaRole.Button, new() { Name = "Join this group" }).ClickAsync();
        await sara.GotoAsync(groupUrl);
        await Expect(sara.GetByRole(AriaRole.Button, new() { Name = "Leave this group" })).ToBeVisibleAsync();
        await sara.GetByLabel("What would you like to share?").FillAsync("Hello gardeners! I have spare tomato seedlings.");
        await sara.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        await sara.GotoAsync(groupUrl);
        await Expect(sara.GetByText("Hello gardeners! I have spare tomato seedlings.")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(sara, "the group page with her post", output.WriteLine);

        // Lina sees who joined through her invitation.
        await lina.GotoAsync("/invitations");
        await Expect(lina.GetByRole(AriaRole.Link, new() { Name = "sara", Exact = false })).ToBeVisibleAsync();
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);
}
