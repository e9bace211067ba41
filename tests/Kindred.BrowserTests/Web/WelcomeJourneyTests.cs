using System.Text.RegularExpressions;
using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.Core.Events;
using Kindred.Core.Groups;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// A newcomer's first week on a phone (390 × 844) and on a desktop (1280 × 900) (ADR 91, 97): sign-up, the welcome page
/// after the first sign-in, joining a group, answering an event and asking for help, with the home page's checklist
/// ticking as she goes; her first post has one compact row of actions, the phone shows the bottom bar and the desktop
/// does not; the welcome page passes axe in English and French.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WelcomeJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "welcome-journey-pw-1";
    private OwnServer server = null!;
    private string eventPath = "";

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("welcome");
        await using var scope = server.Services.CreateAsyncScope();
        var lina = await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateUserAsync(new NewUser("lina", "lina@example.org", Password, UserRole.Member));
        await scope.ServiceProvider.GetRequiredService<GroupService>().CreateAsync(lina.Id, new GroupInput
        {
            Name = "Croix-Rousse Gardeners",
            Description = "Allotments, seed swaps and watering rotas on the hill.",
            Kind = GroupKind.Place,
            Visibility = GroupVisibility.Public,
            JoinPolicy = GroupJoinPolicy.Open,
            AreaName = "Croix-Rousse",
            Latitude = 45.77,
            Longitude = 4.83,
            RadiusKm = 3,
        });
        var organizer = await scope.ServiceProvider.GetRequiredService<KindredDbContext>().Users.SingleAsync(u => u.UserName == "organizer");
        var now = DateTimeOffset.UtcNow;
        var start = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddDays(5);
        var ev = await scope.ServiceProvider.GetRequiredService<EventService>().CreateAsync(organizer.Id, new EventInput
        {
            Title = "Seed swap",
            // Whole minutes, as the event form gives them: the page's answer names its date to the second.
            StartsAt = start,
            EndsAt = start.AddHours(2),
            TimeZone = "Europe/Paris",
            Mode = EventMode.InPerson,
            PlaceName = "Community garden",
            Visibility = EventVisibility.Public,
        });
        eventPath = $"/events/{ev.Id}";
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(390, 844)]
    [InlineData(1280, 900)]
    public async Task ANewcomerSignsUpIsWelcomedJoinsAGroupAnswersAnEventAndAsksForHelp(int width, int height)
    {
        var phone = width <= 600;
        var noor = await server.NewPageAsync(fixture.Browser, width, height);
        // A long journey on a shared machine: the first sign-in's redirect timed out at 15 s under load.
        noor.SetDefaultTimeout(60_000);
        noor.SetDefaultNavigationTimeout(60_000);

        // Sign-up, then the address confirmed from the mail.
        await noor.GotoAsync("/account/sign-up");
        await noor.GetByLabel("Username").FillAsync("noor");
        await noor.GetByLabel("E-mail").FillAsync("noor@example.org");
        await noor.GetByLabel("Password").FillAsync(Password);
        await noor.GetByLabel("I accept these rules").CheckAsync();
        await noor.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Expect(noor.GetByText("Check your e-mail")).ToBeVisibleAsync();
        await noor.GotoAsync(await Mailbox.LinkAsync(server.Server.MailDirectory, "noor@example.org", server.BaseUrl + "/account/confirm"));
        await Expect(noor.GetByText("Thank you, your e-mail address is confirmed.")).ToBeVisibleAsync();

        // The first sign-in opens the welcome page: "Welcome", never "Welcome back".
        await noor.GotoAsync("/account/sign-in");
        await noor.GetByLabel("Username or e-mail").FillAsync("noor");
        await noor.GetByLabel("Password").FillAsync(Password);
        await noor.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).Last.ClickAsync();
        await Expect(noor).ToHaveURLAsync(new Regex("/welcome$"));
        await Expect(noor.GetByRole(AriaRole.Heading, new() { Name = "Welcome, noor", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(noor, $"the welcome page at {width} px", output.WriteLine);

        // The sections: a bar at the bottom of a phone, the header's one row on a desktop.
        var bar = noor.GetByRole(AriaRole.Navigation, new() { Name = "Sections" });
        var headerBox = await noor.Locator(".site-header").BoundingBoxAsync();
        if (phone)
        {
            await Expect(bar).ToBeVisibleAsync();
            foreach (var name in new[] { "Home", "Groups", "Help", "Events", "Me" })
            {
                await Expect(bar.GetByRole(AriaRole.Link, new() { Name = name, Exact = true })).ToBeVisibleAsync();
            }
            Assert.True(headerBox!.Height <= 120, $"the phone header is {headerBox.Height} px tall");
        }
        else
        {
            await Expect(bar).ToBeHiddenAsync();
            Assert.True(headerBox!.Height <= 72, $"the desktop header is {headerBox.Height} px tall");
        }

        // Her name and area, saved from the welcome page itself.
        await noor.GetByLabel("Display name").FillAsync("Noor Amrani");
        await noor.GetByLabel("Home area").FillAsync("Croix-Rousse");
        await noor.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(noor.GetByRole(AriaRole.Status)).ToContainTextAsync("Your profile has been saved.");
        await Expect(noor.GetByRole(AriaRole.Heading, new() { Name = "Welcome, Noor Amrani", Level = 1 })).ToBeVisibleAsync();

        // The home page's checklist: the area ticked, a group still to join.
        await noor.GotoAsync("/");
        await Expect(noor.GetByText("Welcome, Noor Amrani.")).ToBeVisibleAsync();
        var checklist = noor.GetByRole(AriaRole.Region, new() { Name = "Your first week" });
        await Expect(checklist.GetByText("Set your area (Done)")).ToBeVisibleAsync();
        await checklist.GetByRole(AriaRole.Link, new() { Name = "Join a group" }).ClickAsync();

        // She joins the group, answers the event and asks for help.
        await noor.GetByRole(AriaRole.Link, new() { Name = "Croix-Rousse Gardeners" }).First.ClickAsync();
        await noor.GetByRole(AriaRole.Link, new() { Name = "Join this group" }).ClickAsync();
        var accept = noor.GetByLabel("I accept the rules of the group");
        if (await accept.CountAsync() > 0)
        {
            await accept.CheckAsync();
        }
        await noor.GetByRole(AriaRole.Button, new() { Name = "Join this group" }).ClickAsync();
        await Expect(noor.GetByRole(AriaRole.Button, new() { Name = "Leave this group" })).ToBeVisibleAsync();

        await noor.GotoAsync(eventPath);
        await noor.GetByLabel("Going", new() { Exact = true }).CheckAsync();
        await noor.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
        await Expect(noor.GetByRole(AriaRole.Status)).ToContainTextAsync("You are going.");

        await noor.GotoAsync("/aid/new");
        await noor.GetByLabel("I need help").CheckAsync();
        await noor.GetByLabel("Category").SelectOptionAsync("errands");
        await noor.GetByLabel("Title").FillAsync("A hand carrying compost on Saturday");
        await noor.GetByRole(AriaRole.Button, new() { Name = "Post" }).ClickAsync();
        await Expect(noor.GetByRole(AriaRole.Heading, new() { Name = "A hand carrying compost on Saturday", Level = 1 })).ToBeVisibleAsync();

        await noor.GotoAsync("/");
        checklist = noor.GetByRole(AriaRole.Region, new() { Name = "Your first week" });
        await Expect(checklist.GetByText("Join a group (Done)")).ToBeVisibleAsync();
        await Expect(checklist.GetByText("Answer an event (Done)")).ToBeVisibleAsync();
        await Expect(checklist.GetByText("Ask for help or offer help (Done)")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(noor, $"the home page with the checklist at {width} px", output.WriteLine);

        // Her first post: one compact row of actions (the usual four and "More"), each a 44 px target.
        await noor.GetByLabel("What would you like to share?").FillAsync("Thank you for the welcome, Croix-Rousse!");
        await noor.GetByRole(AriaRole.Button, new() { Name = "Post", Exact = true }).ClickAsync();
        var post = noor.Locator(".post").Filter(new() { HasText = "Thank you for the welcome" }).First;
        await Expect(post).ToBeVisibleAsync();
        var actions = post.Locator(".post-actions > .act, .post-actions > .action-menu > summary");
        var boxes = new List<LocatorBoundingBoxResult>();
        for (var i = 0; i < await actions.CountAsync(); i++)
        {
            var box = await actions.Nth(i).BoundingBoxAsync();
            Assert.True(box!.Height >= 44 && box.Width >= 44, $"action {i} is {box.Width} × {box.Height} px at {width} px");
            boxes.Add(box);
        }
        Assert.InRange(boxes.Count, 4, 5);
        Assert.True(boxes.Max(b => b.Y) < boxes.Min(b => b.Y + b.Height), $"the actions wrap at {width} px: " + string.Join(", ", boxes.Select(b => b.Y)));
        await Expect(post.GetByRole(AriaRole.Link, new() { Name = "Delete", Exact = true })).ToBeHiddenAsync();

        // The welcome page in French passes axe too.
        await noor.Context.AddCookiesAsync([new Cookie { Name = "kindred-lang", Value = "c=fr|uic=fr", Url = server.BaseUrl }]);
        await noor.GotoAsync("/welcome");
        await Expect(noor.GetByRole(AriaRole.Heading, new() { Name = "Bienvenue, Noor Amrani", Level = 1 })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(noor, "the welcome page in French", output.WriteLine);
    }

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
