using System.Globalization;
using System.Net;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Events;

/// <summary>The events pages (list, calendar, create form, event page, RSVP, attendees), used like a browser without JavaScript.</summary>
public abstract class EventPagesTests(KindredApp app)
{
    private int nextAddress;

    private async Task<HttpClient> SignedInAsync(string username)
    {
        // Each member signs in from their own address, so the sign-in rate limit never counts them together.
        var browser = app.Browser($"10.78.{Interlocked.Increment(ref nextAddress) / 250}.{nextAddress % 250 + 1}");
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private Task<Event> CreateAsync(long organizer, string title, EventVisibility visibility = EventVisibility.Public, EventMode mode = EventMode.InPerson,
        int? capacity = null, long? groupId = null, double? lat = null, double? lon = null, int inDays = 10, IReadOnlyList<string>? questions = null, TimeSpan offset = default) =>
        app.WithServicesAsync(s => s.GetRequiredService<EventService>().CreateAsync(organizer, new EventInput
        {
            Title = title,
            Description = "Bring a friend.",
            StartsAt = Start(inDays) + offset,
            EndsAt = Start(inDays).AddHours(2) + offset,
            TimeZone = "Europe/Paris",
            Mode = mode,
            PlaceName = mode == EventMode.InPerson ? "Community hall" : null,
            Address = mode == EventMode.InPerson ? "12 Rue du Secret" : null,
            AreaName = mode == EventMode.InPerson ? "Croix-Rousse" : null,
            OnlineUrl = mode == EventMode.Online ? "https://meet.example.org/secret-room" : null,
            Latitude = lat,
            Longitude = lon,
            Capacity = capacity,
            Visibility = visibility,
            GroupId = groupId,
            Questions = questions,
        }));

    /// <summary>A whole hour some days ahead, so every test's events are upcoming.</summary>
    private static DateTimeOffset Start(int inDays)
    {
        var day = DateTimeOffset.UtcNow.AddDays(inDays);
        return new DateTimeOffset(day.Year, day.Month, day.Day, 17, 0, 0, TimeSpan.Zero);
    }

    private static string Path(Event ev) => "/events/" + ev.Id.ToString(CultureInfo.InvariantCulture);

    private static async Task<string> PostAsync(HttpClient browser, string url, string form, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Html.PostFormAsync(browser, url, form, fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {Html.Snippet(body)}");
        return expected == HttpStatusCode.Redirect ? Html.Location(response) : body;
    }

    private async Task SetHomeAsync(long accountId, double lat, double lon) =>
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == accountId).ExecuteUpdateAsync(a => a.SetProperty(x => x.Latitude, lat).SetProperty(x => x.Longitude, lon)));

    private Task<string> GoingAsync(HttpClient browser, Event ev, Dictionary<string, string>? answers = null)
    {
        var fields = new Dictionary<string, string> { ["Rsvp.Response"] = nameof(RsvpResponse.Going) };
        foreach (var (key, value) in answers ?? [])
        {
            fields[key] = value;
        }
        return PostAsync(browser, Path(ev), "event-rsvp", fields);
    }

    [Fact]
    public async Task TheListShowsWhatEachViewerMaySeeAndFiltersByModeGroupAndDistance()
    {
        var organizer = await app.CreateUserAsync("ev_list_org");
        var member = await app.CreateUserAsync("ev_list_member");
        var group = await TestGroups.CreateAsync(app, "ev-list-walkers", GroupVisibility.Public, organizer.Id);
        var near = await CreateAsync(organizer.Id, "Picnic by the river", lat: 45.77, lon: 4.83);
        var far = await CreateAsync(organizer.Id, "Picnic in Paris", lat: 48.85, lon: 2.35, inDays: 11);
        var online = await CreateAsync(organizer.Id, "Online knitting circle", EventVisibility.Members, EventMode.Online, inDays: 12);
        var grouped = await CreateAsync(organizer.Id, "Walkers only stroll", EventVisibility.Group, groupId: group.Id, inDays: 13);

        // Anonymous visitors see public events only.
        var anonymous = await Html.GetAsync(app.Browser(), "/events");
        Assert.Contains("Picnic by the river", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Online knitting circle", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("Walkers only stroll", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("12 Rue du Secret", anonymous, StringComparison.Ordinal);

        // A member sees members' events but not a group's they are not in.
        var browser = await SignedInAsync("ev_list_member");
        var all = await Html.GetAsync(browser, "/events");
        Assert.Contains("Online knitting circle", all, StringComparison.Ordinal);
        Assert.DoesNotContain("Walkers only stroll", all, StringComparison.Ordinal);

        var onlineOnly = await Html.GetAsync(browser, "/events?mode=online");
        Assert.Contains("Online knitting circle", onlineOnly, StringComparison.Ordinal);
        Assert.DoesNotContain("Picnic by the river", onlineOnly, StringComparison.Ordinal);
        var inPerson = await Html.GetAsync(browser, "/events?mode=place");
        Assert.Contains("Picnic by the river", inPerson, StringComparison.Ordinal);
        Assert.DoesNotContain("Online knitting circle", inPerson, StringComparison.Ordinal);

        // Near my home area (Lyon): the Lyon picnic, not the Paris one.
        await SetHomeAsync(member.Id, 45.76, 4.84);
        var nearby = await Html.GetAsync(browser, "/events?near=me&radius=25");
        Assert.Contains("Picnic by the river", nearby, StringComparison.Ordinal);
        Assert.DoesNotContain("Picnic in Paris", nearby, StringComparison.Ordinal);

        // Joining the group shows its events, and the group filter narrows the list to them.
        await TestGroups.JoinAsync(app, group.Id, member.Id);
        var mine = await Html.GetAsync(browser, "/events?group=ev-list-walkers");
        Assert.Contains("Walkers only stroll", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("Picnic by the river", mine, StringComparison.Ordinal);
        Assert.Contains("Walkers only stroll", await Html.GetAsync(browser, "/groups/ev-list-walkers"), StringComparison.Ordinal);

        // A group the viewer may not see matches nothing rather than everything.
        var secret = await TestGroups.CreateAsync(app, "ev-list-secret", GroupVisibility.Secret, organizer.Id);
        Assert.DoesNotContain("Picnic by the river", await Html.GetAsync(app.Browser(), "/events?group=ev-list-secret"), StringComparison.Ordinal);
        _ = (near, far, online, grouped, secret);
    }

    [Fact]
    public async Task TheCalendarPutsEachEventOnItsDayWithLinksAndMonthNavigation()
    {
        var organizer = await app.CreateUserAsync("ev_cal_org");
        var ev = await CreateAsync(organizer.Id, "Calendar choir practice", inDays: 20);
        var local = TimeZoneInfo.ConvertTimeFromUtc(ev.StartsAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var month = local.ToString("yyyy-MM", CultureInfo.InvariantCulture);

        var page = await Html.GetAsync(app.Browser(), "/events/calendar?month=" + month);
        Assert.Contains("<table class=\"calendar\">", page, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\"", page, StringComparison.Ordinal);
        Assert.Contains("Calendar choir practice", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/events/" + ev.Id.ToString(CultureInfo.InvariantCulture) + "\"", page, StringComparison.Ordinal);
        var next = new DateOnly(local.Year, local.Month, 1).AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        Assert.Contains("month=" + next, page, StringComparison.Ordinal);

        // The month after holds nothing of it.
        Assert.DoesNotContain("Calendar choir practice", await Html.GetAsync(app.Browser(), "/events/calendar?month=" + next), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCreateFormSavesAGoodEventAndShowsErrorsForABadOneWithoutSavingIt()
    {
        var organizer = await app.CreateUserAsync("ev_new_org");
        var browser = await SignedInAsync("ev_new_org");
        var day = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "",
            ["Input.Description"] = "Weekly repair café.",
            ["Input.Date"] = day,
            ["Input.StartTime"] = "19:00",
            ["Input.EndTime"] = "21:00",
            ["Input.TimeZone"] = "Europe/Paris",
            ["Input.Repeat"] = "Weekly",
            ["Input.Until"] = DateTime.UtcNow.AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.Mode"] = "InPerson",
            ["Input.PlaceName"] = "The workshop",
            ["Input.Address"] = "3 Impasse des Outils",
            ["Input.AreaName"] = "Vaise",
            ["Input.Capacity"] = "12",
            ["Input.Question1"] = "What will you bring to repair?",
            ["Input.Visibility"] = "Public",
        };

        // No title: an error beside the field, nothing saved.
        var missing = await PostAsync(browser, "/events/new", "event-new", fields);
        Assert.Contains("The event needs a title.", missing, StringComparison.Ordinal);
        // Ends before it starts, and a capacity that is not a number.
        fields["Input.Title"] = "Repair cafe";
        fields["Input.EndTime"] = "18:00";
        Assert.Contains("The event must end after it starts.", await PostAsync(browser, "/events/new", "event-new", fields), StringComparison.Ordinal);
        fields["Input.EndTime"] = "21:00";
        fields["Input.Capacity"] = "twelve";
        Assert.Contains("The number of places must be a whole number", await PostAsync(browser, "/events/new", "event-new", fields), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.Events.CountAsync(e => e.OrganizerId == organizer.Id)));

        fields["Input.Capacity"] = "12";
        var location = await PostAsync(browser, "/events/new", "event-new", fields, HttpStatusCode.Redirect);
        var saved = await app.WithDbAsync(db => db.Events.Include(e => e.Questions).SingleAsync(e => e.OrganizerId == organizer.Id));
        Assert.Equal("/events/" + saved.Id.ToString(CultureInfo.InvariantCulture), location);
        Assert.Equal("Repair cafe", saved.Title);
        Assert.Equal("Europe/Paris", saved.TimeZone);
        Assert.Equal(12, saved.Capacity);
        Assert.StartsWith("FREQ=WEEKLY", saved.Recurrence, StringComparison.Ordinal);
        Assert.Contains("UNTIL=", saved.Recurrence, StringComparison.Ordinal);
        Assert.Equal("What will you bring to repair?", Assert.Single(saved.Questions).Text);
        // 19:00 in Paris is 17:00 or 18:00 UTC depending on the season; either way the local time is what was typed.
        var local = TimeZoneInfo.ConvertTimeFromUtc(saved.StartsAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Equal(new TimeOnly(19, 0), TimeOnly.FromDateTime(local));

        var page = await Html.GetAsync(browser, location);
        Assert.Contains("Repair cafe", page, StringComparison.Ordinal);
        Assert.Contains("Next dates", page, StringComparison.Ordinal);
        Assert.Contains("3 Impasse des Outils", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEventPageShowsTheAddressOnlyToPeopleGoingAndToTheOrganizer()
    {
        var organizer = await app.CreateUserAsync("ev_priv_org");
        await app.CreateUserAsync("ev_priv_member");
        await app.CreateUserAsync("ev_priv_going");
        var ev = await CreateAsync(organizer.Id, "Soup evening");
        var online = await CreateAsync(organizer.Id, "Online soup talk", mode: EventMode.Online);

        var anonymous = await Html.GetAsync(app.Browser(), Path(ev));
        Assert.Contains("Soup evening", anonymous, StringComparison.Ordinal);
        Assert.Contains("Community hall", anonymous, StringComparison.Ordinal);
        Assert.Contains("Croix-Rousse", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("12 Rue du Secret", anonymous, StringComparison.Ordinal);
        Assert.Contains("Sign in to answer", anonymous, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-room", await Html.GetAsync(app.Browser(), Path(online)), StringComparison.Ordinal);

        var member = await SignedInAsync("ev_priv_member");
        var memberPage = await Html.GetAsync(member, Path(ev));
        Assert.DoesNotContain("12 Rue du Secret", memberPage, StringComparison.Ordinal);
        Assert.Contains("The address is shown to the people going.", memberPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Attendee list", memberPage, StringComparison.Ordinal);

        var going = await SignedInAsync("ev_priv_going");
        var answered = await GoingAsync(going, ev);
        Assert.Contains("You are going.", answered, StringComparison.Ordinal);
        Assert.Contains("12 Rue du Secret", answered, StringComparison.Ordinal);
        await GoingAsync(going, online);
        Assert.Contains("https://meet.example.org/secret-room", await Html.GetAsync(going, Path(online)), StringComparison.Ordinal);

        var organizerPage = await Html.GetAsync(await SignedInAsync("ev_priv_org"), Path(ev));
        Assert.Contains("12 Rue du Secret", organizerPage, StringComparison.Ordinal);
        Assert.Contains("Attendee list", organizerPage, StringComparison.Ordinal);
        Assert.Contains("Edit the event", organizerPage, StringComparison.Ordinal);

        // An event the viewer may not see is a 404.
        var membersOnly = await CreateAsync(organizer.Id, "Members soup", EventVisibility.Members);
        await Html.GetAsync(app.Browser(), Path(membersOnly), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AFullEventPutsTheThirdPersonOnTheWaitingListAndACancellationMovesThemUp()
    {
        var organizer = await app.CreateUserAsync("ev_wait_org");
        await app.CreateUserAsync("ev_wait_a");
        await app.CreateUserAsync("ev_wait_b");
        await app.CreateUserAsync("ev_wait_c");
        var ev = await CreateAsync(organizer.Id, "Pottery class", capacity: 2, questions: ["Any allergies?"]);

        var a = await SignedInAsync("ev_wait_a");
        Assert.Contains("You are going.", await GoingAsync(a, ev, new() { ["Rsvp.Answer1"] = "Peanuts" }), StringComparison.Ordinal);
        var b = await SignedInAsync("ev_wait_b");
        var second = await GoingAsync(b, ev);
        Assert.Contains("You are going.", second, StringComparison.Ordinal);
        Assert.Contains("Full: 2 going", second, StringComparison.Ordinal);

        var c = await SignedInAsync("ev_wait_c");
        var third = await GoingAsync(c, ev);
        Assert.Contains("you are on the waiting list", third, StringComparison.Ordinal);
        Assert.Contains("You are on the waiting list (number 1).", third, StringComparison.Ordinal);
        Assert.DoesNotContain("12 Rue du Secret", third, StringComparison.Ordinal);

        // The first person cancels: the place goes to the waiting list.
        Assert.Contains("Your answer is cancelled.", await PostAsync(a, Path(ev), "event-rsvp-cancel", new() { ["CancelAt"] = IsoStart(ev) }), StringComparison.Ordinal);
        var promoted = await Html.GetAsync(c, Path(ev));
        Assert.DoesNotContain("You are on the waiting list", promoted, StringComparison.Ordinal);
        Assert.Contains("12 Rue du Secret", promoted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEventWhoseStartCameWithMillisecondsCanBeAnsweredAndCancelledOnTheWeb()
    {
        // An API client may send 17:00:00.345; the page names occurrences to the second, so the start is kept to the second.
        var organizer = await app.CreateUserAsync("ev_ms_org");
        await app.CreateUserAsync("ev_ms_guest");
        var ev = await CreateAsync(organizer.Id, "Clay evening", offset: TimeSpan.FromMilliseconds(345));
        Assert.Equal(0, ev.StartsAt.Ticks % TimeSpan.TicksPerSecond);
        Assert.Equal(0, ev.EndsAt.Ticks % TimeSpan.TicksPerSecond);

        var guest = await SignedInAsync("ev_ms_guest");
        Assert.Contains("You are going.", await GoingAsync(guest, ev), StringComparison.Ordinal);
        Assert.Contains("Your answer is cancelled.", await PostAsync(guest, Path(ev), "event-rsvp-cancel", new() { ["CancelAt"] = IsoStart(ev) }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAttendeeListIsForManagersOnlyAndShowsAnswers()
    {
        var organizer = await app.CreateUserAsync("ev_att_org");
        await app.CreateUserAsync("ev_att_guest");
        var ev = await CreateAsync(organizer.Id, "Garden day", capacity: 1, questions: ["Do you have gloves?"]);
        var members = await CreateAsync(organizer.Id, "Members garden day", EventVisibility.Members);

        var guest = await SignedInAsync("ev_att_guest");
        await GoingAsync(guest, ev, new() { ["Rsvp.Answer1"] = "Yes, two pairs" });
        await Html.GetAsync(guest, Path(ev) + "/attendees", HttpStatusCode.Forbidden);
        await Html.GetAsync(guest, Path(ev) + "/edit", HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await guest.GetAsync(Path(ev) + "/attendees.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await guest.GetAsync("/events/999999999/attendees.csv")).StatusCode);
        await Html.GetAsync(app.Browser(), Path(members) + "/attendees", HttpStatusCode.Redirect);

        var owner = await SignedInAsync("ev_att_org");
        var list = await Html.GetAsync(owner, Path(ev) + "/attendees");
        Assert.Contains("ev_att_guest", list, StringComparison.Ordinal);
        Assert.Contains("Do you have gloves?", list, StringComparison.Ordinal);
        Assert.Contains("Yes, two pairs", list, StringComparison.Ordinal);
        Assert.Contains("attendees.csv", list, StringComparison.Ordinal);

        // The CSV holds the same people and answers, one row each, under a header naming the question.
        var csv = await owner.GetAsync(Path(ev) + "/attendees.csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("username,", lines[0], StringComparison.Ordinal);
        Assert.Contains("Do you have gloves?", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("ev_att_guest,", lines[1], StringComparison.Ordinal);
        Assert.Contains("going", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"Yes, two pairs\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOrganizerEditsAndCancelsTheEventThroughItsPages()
    {
        var organizer = await app.CreateUserAsync("ev_edit_org");
        var ev = await CreateAsync(organizer.Id, "Book swap");
        var owner = await SignedInAsync("ev_edit_org");

        var form = await Html.GetAsync(owner, Path(ev) + "/edit");
        Assert.Contains("value=\"Book swap\"", form, StringComparison.Ordinal);
        Assert.Contains("12 Rue du Secret", form, StringComparison.Ordinal);
        var local = TimeZoneInfo.ConvertTimeFromUtc(ev.StartsAt, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = "Book and record swap",
            ["Input.Date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.StartTime"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.EndTime"] = "",
            ["Input.TimeZone"] = "Europe/Paris",
            ["Input.Repeat"] = "None",
            ["Input.Mode"] = "InPerson",
            ["Input.Visibility"] = "Public",
        };
        // A missing end time is an error and changes nothing.
        Assert.Contains("Enter the end time", await PostAsync(owner, Path(ev) + "/edit", "event-edit", fields), StringComparison.Ordinal);
        Assert.Equal("Book swap", await app.WithDbAsync(db => db.Events.Where(e => e.Id == ev.Id).Select(e => e.Title).SingleAsync()));

        fields["Input.EndTime"] = local.AddHours(3).ToString("HH:mm", CultureInfo.InvariantCulture);
        Assert.Equal(Path(ev), await PostAsync(owner, Path(ev) + "/edit", "event-edit", fields, HttpStatusCode.Redirect));
        Assert.Equal("Book and record swap", await app.WithDbAsync(db => db.Events.Where(e => e.Id == ev.Id).Select(e => e.Title).SingleAsync()));

        var response = await Html.PostFormAsync(owner, Path(ev), "event-cancel", new Dictionary<string, string> { ["CancelAll"] = "yes" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("This event is cancelled.", await Html.GetAsync(app.Browser(), Path(ev)), StringComparison.Ordinal);
    }

    private static string IsoStart(Event ev) => ev.StartsAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

public sealed class EventPagesSqliteTests(SqliteApp app) : EventPagesTests(app), IClassFixture<SqliteApp>;

public sealed class EventPagesPostgresTests(PostgresApp app) : EventPagesTests(app), IClassFixture<PostgresApp>;
