using System.Globalization;
using Kindred.BrowserTests.Infrastructure;
using Kindred.Core.Accounts;
using Kindred.Data.Entities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Kindred.BrowserTests.Web;

/// <summary>
/// A gathering with few places: the organizer plans it on a phone, two members take the places and a third joins the
/// waiting list and is told so. Runs on a server of its own.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EventJourneyTests(BrowserFixture fixture, ITestOutputHelper output) : IAsyncLifetime
{
    private const string Password = "event-journey-pw-1";
    private OwnServer server = null!;

    public async Task InitializeAsync()
    {
        server = await OwnServer.StartAsync("events");
        await using var scope = server.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        foreach (var name in new[] { "amina", "bruno", "chloe" })
        {
            await accounts.CreateUserAsync(new NewUser(name, name + "@example.org", Password, UserRole.Member));
        }
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

    private static async Task AnswerGoingAsync(IPage page, string eventUrl)
    {
        await page.GotoAsync(eventUrl);
        await page.GetByLabel("Going", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send my answer" }).ClickAsync();
    }

    [Fact]
    public async Task AnEventWithTwoPlacesFillsUpAndTheThirdPersonJoinsTheWaitingList()
    {
        var organizer = await NewPageAsync();
        await SignInAsync(organizer, "organizer", "riverside-owner-2026");
        await organizer.GotoAsync("/events");
        await Accessibility.AssertNoSeriousViolationsAsync(organizer, "the events list", output.WriteLine);
        await organizer.GetByRole(AriaRole.Link, new() { Name = "New event" }).First.ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(organizer, "the new event form", output.WriteLine);

        var day = DateTime.UtcNow.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await organizer.GetByLabel("Title").FillAsync("Bread baking workshop");
        await organizer.GetByLabel("Description").FillAsync("We bake two loaves each. Aprons provided.");
        await organizer.GetByLabel("Date", new() { Exact = true }).FillAsync(day);
        await organizer.GetByLabel("Starts at").FillAsync("10:00");
        await organizer.GetByLabel("Ends at").FillAsync("12:30");
        await organizer.GetByLabel("Time zone").SelectOptionAsync("Europe/Paris");
        await organizer.GetByLabel("Place name (in person)").FillAsync("Riverside kitchen");
        await organizer.GetByLabel("Address (in person; attendees only)").FillAsync("4 Quai des Boulangers");
        await organizer.GetByLabel("Area, such as a neighbourhood or town (in person)").FillAsync("Vieux Lyon");
        await organizer.GetByLabel("Number of places (optional)").FillAsync("2");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Create the event" }).ClickAsync();
        await Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Bread baking workshop", Level = 1 })).ToBeVisibleAsync();
        await Expect(organizer.GetByText("4 Quai des Boulangers")).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(organizer, "the event page for its organizer", output.WriteLine);
        var eventUrl = organizer.Url;

        var amina = await NewPageAsync();
        await SignInAsync(amina, "amina", Password);
        await AnswerGoingAsync(amina, eventUrl);
        await Expect(amina.GetByRole(AriaRole.Status)).ToContainTextAsync("You are going.");
        await Expect(amina.GetByText("4 Quai des Boulangers")).ToBeVisibleAsync();

        var bruno = await NewPageAsync();
        await SignInAsync(bruno, "bruno", Password);
        await AnswerGoingAsync(bruno, eventUrl);
        await Expect(bruno.GetByRole(AriaRole.Status)).ToContainTextAsync("You are going.");

        // The third person sees the event is full, answers anyway and is put on the waiting list.
        var chloe = await NewPageAsync();
        await SignInAsync(chloe, "chloe", Password);
        await chloe.GotoAsync(eventUrl);
        await Expect(chloe.GetByText("Full: 2 going, waiting list open")).ToBeVisibleAsync();
        await Expect(chloe.GetByText("4 Quai des Boulangers")).ToHaveCountAsync(0);
        await AnswerGoingAsync(chloe, eventUrl);
        await Expect(chloe.GetByText("You are on the waiting list (number 1).")).ToBeVisibleAsync();
        await Expect(chloe.GetByText("4 Quai des Boulangers")).ToHaveCountAsync(0);
        await Accessibility.AssertNoSeriousViolationsAsync(chloe, "the event page on the waiting list", output.WriteLine);

        // The organizer's list shows both places taken and Chloe waiting.
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Attendee list" }).ClickAsync();
        await Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Going (2)" })).ToBeVisibleAsync();
        await Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Waiting list (1)" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(organizer, "the attendee list", output.WriteLine);

        await chloe.GotoAsync("/events/calendar?month=" + day[..7]);
        await Expect(chloe.GetByRole(AriaRole.Link, new() { Name = "Bread baking workshop" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(chloe, "the events calendar", output.WriteLine);
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
