using System.Net;
using System.Text.Json;
using Ical.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Events;

/// <summary>The .ics files (ADR 34): one event per viewer, the public feed, and the personal feed by its secret address,
/// with the address and the online link only for people going. Every file is parsed back with Ical.Net.</summary>
public abstract class CalendarTests(KindredApp app)
{
    private static readonly DateTime NextWeek = DateTime.UtcNow.Date.AddDays(7).AddHours(18);

    private async Task<Calendar> IcsAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)response.StatusCode} {body}");
        Assert.Equal("text/calendar; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.NotNull(response.Headers.ETag);
        Assert.Contains("\r\n", body, StringComparison.Ordinal);
        return Calendar.Load(body) ?? throw new InvalidOperationException("Not a calendar: " + body);
    }

    private async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) => (await client.GetAsync(path)).StatusCode;

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    [Fact]
    public async Task AnonymousVisitorsGetAPublicEventWithTheAreaButNotTheAddress()
    {
        var organizer = await app.CreateUserAsync("cal_org1");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Repair café", NextWeek));

        var calendar = await IcsAsync(app.Browser(), $"/events/{ev.Id}.ics");
        var item = Assert.Single(calendar.Events);
        Assert.Equal("Repair café", item.Summary);
        Assert.Equal("Community hall, Riverside", item.Location);
        Assert.DoesNotContain("Secret Lane", item.Location, StringComparison.Ordinal);
        Assert.EndsWith($"/events/{ev.Id}", item.Url!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Europe/London", item.DtStart!.TzId);
        Assert.Equal(NextWeek, item.DtStart.AsUtc);
        Assert.Equal("CONFIRMED", item.Status);
        Assert.Contains(calendar.TimeZones, z => z.TzId == "Europe/London");
        Assert.StartsWith($"event-{ev.Id}@", item.Uid, StringComparison.Ordinal);

        // The same UID in every copy, so calendar apps update rather than duplicate.
        var again = await IcsAsync(app.Browser(), $"/events/{ev.Id}.ics");
        Assert.Equal(item.Uid, Assert.Single(again.Events).Uid);
    }

    [Fact]
    public async Task AGoingAttendeeGetsTheAddressAndAMemberWhoIsNotGoingDoesNot()
    {
        var organizer = await app.CreateUserAsync("cal_org2");
        var going = await app.CreateUserAsync("cal_going");
        var maybe = await app.CreateUserAsync("cal_maybe");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Soup night", NextWeek));
        await EventFixtures.RsvpAsync(app, going.Id, ev.Id, RsvpResponse.Going);
        await EventFixtures.RsvpAsync(app, maybe.Id, ev.Id, RsvpResponse.Maybe);

        var attendee = Assert.Single((await IcsAsync(await SignedInAsync("cal_going"), $"/events/{ev.Id}.ics")).Events);
        Assert.Equal("Community hall, 12 Secret Lane, Riverside", attendee.Location);
        var undecided = Assert.Single((await IcsAsync(await SignedInAsync("cal_maybe"), $"/events/{ev.Id}.ics")).Events);
        Assert.Equal("Community hall, Riverside", undecided.Location);
    }

    [Fact]
    public async Task TheOnlineLinkIsOnlyForPeopleGoing()
    {
        var organizer = await app.CreateUserAsync("cal_org3");
        var going = await app.CreateUserAsync("cal_online");
        var input = EventFixtures.InPerson("Online coffee", NextWeek) with { Mode = EventMode.Online, OnlineUrl = "https://meet.example.org/secret-room", PlaceName = null, Address = null };
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, input);
        await EventFixtures.RsvpAsync(app, going.Id, ev.Id, RsvpResponse.Going);

        var anonymous = await (await app.Browser().GetAsync($"/events/{ev.Id}.ics")).Content.ReadAsStringAsync();
        Assert.DoesNotContain("secret-room", anonymous, StringComparison.Ordinal);
        var attendee = Assert.Single((await IcsAsync(await SignedInAsync("cal_online"), $"/events/{ev.Id}.ics")).Events);
        Assert.Contains("https://meet.example.org/secret-room", attendee.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWeeklySeriesFromTheIcsKeepsItsLocalTimeAcrossTheNextDaylightSavingChange()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        // The next clock change in London (last Sunday of March or October) at least two weeks away; the series starts
        // on the Tuesday a fortnight before it, at 19:00 local time.
        var change = DateTime.UtcNow.Date.AddDays(14);
        while (london.IsDaylightSavingTime(change) == london.IsDaylightSavingTime(change.AddDays(1)))
        {
            change = change.AddDays(1);
        }
        var firstDay = change.AddDays(-14);
        while (firstDay.DayOfWeek != DayOfWeek.Tuesday)
        {
            firstDay = firstDay.AddDays(-1);
        }
        var firstStart = TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(firstDay.AddHours(19), DateTimeKind.Unspecified), london);
        var organizer = await app.CreateUserAsync("cal_dst");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Knitting circle", firstStart, recurrence: "FREQ=WEEKLY;BYDAY=TU"));

        var item = Assert.Single((await IcsAsync(app.Browser(), $"/events/{ev.Id}.ics")).Events);
        Assert.NotNull(item.RecurrenceRule);
        var starts = item.GetOccurrences(new Ical.Net.DataTypes.CalDateTime(firstStart.AddDays(-1), "UTC")).Take(5).Select(o => o.Period.StartTime.AsUtc).ToList();
        Assert.Equal(5, starts.Count);
        Assert.All(starts, s => Assert.Equal(19, TimeZoneInfo.ConvertTimeFromUtc(s, london).Hour));
        Assert.Equal(2, starts.Select(s => s.Hour).Distinct().Count());
    }

    [Fact]
    public async Task MembersEventsAre404ToVisitorsAndUnknownEventsTo404ForEveryone()
    {
        var organizer = await app.CreateUserAsync("cal_org4");
        await app.CreateUserAsync("cal_member4");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Members' meeting", NextWeek, visibility: EventVisibility.Members));

        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app.Browser(), $"/events/{ev.Id}.ics"));
        var member = await SignedInAsync("cal_member4");
        Assert.Single((await IcsAsync(member, $"/events/{ev.Id}.ics")).Events);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(member, "/events/999999999.ics"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(member, "/events/nope.ics"));
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app.Browser(), "/calendar/not-a-real-token.ics"));
    }

    [Fact]
    public async Task ACancelledEventSaysSoAndItsSequenceGrows()
    {
        var organizer = await app.CreateUserAsync("cal_org5");
        // SEQUENCE counts seconds from creation to the last change, so the cancellation comes five minutes later.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Picnic", NextWeek), clock);
        var before = Assert.Single((await IcsAsync(app.Browser(), $"/events/{ev.Id}.ics")).Events);
        clock.Advance(TimeSpan.FromMinutes(5));
        await EventFixtures.CancelAsync(app, organizer.Id, ev.Id, clock);
        var after = Assert.Single((await IcsAsync(app.Browser(), $"/events/{ev.Id}.ics")).Events);
        Assert.Equal("CANCELLED", after.Status);
        Assert.True(after.Sequence > before.Sequence, $"{after.Sequence} > {before.Sequence}");
        Assert.Equal(before.Uid, after.Uid);
    }

    [Fact]
    public async Task ThePublicFeedListsOnlyPublicEvents()
    {
        var organizer = await app.CreateUserAsync("cal_org6");
        var open = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Open day", NextWeek));
        var closed = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Committee", NextWeek, visibility: EventVisibility.Members));

        var calendar = await IcsAsync(app.Browser(), "/events.ics");
        var uids = calendar.Events.Select(e => e.Uid).ToList();
        Assert.Contains(uids, u => u!.StartsWith($"event-{open.Id}@", StringComparison.Ordinal));
        Assert.DoesNotContain(uids, u => u!.StartsWith($"event-{closed.Id}@", StringComparison.Ordinal));
        Assert.All(calendar.Events, e => Assert.DoesNotContain("Secret Lane", e.Location ?? "", StringComparison.Ordinal));
        // Even a member's cookie does not put members' events (or addresses) into the public feed.
        var member = await IcsAsync(await SignedInAsync("cal_org6"), "/events.ics");
        Assert.DoesNotContain(member.Events, e => e.Uid!.StartsWith($"event-{closed.Id}@", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePersonalFeedHasTheEventsTheMemberIsGoingToWithTheirAddresses()
    {
        var organizer = await app.CreateUserAsync("cal_org7");
        var member = await app.CreateUserAsync("cal_feed");
        var token = await app.TokenAsync("cal_feed");
        var going = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Members' walk", NextWeek, visibility: EventVisibility.Members));
        var notGoing = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Quiz", NextWeek));
        var weekly = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Choir", NextWeek.AddDays(1), recurrence: "FREQ=WEEKLY"));
        await EventFixtures.RsvpAsync(app, member.Id, going.Id, RsvpResponse.Going);
        await EventFixtures.RsvpAsync(app, member.Id, notGoing.Id, RsvpResponse.NotGoing);
        var secondChoir = NextWeek.AddDays(8);
        await EventFixtures.RsvpAsync(app, member.Id, weekly.Id, RsvpResponse.Going, secondChoir);

        var feed = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/kindred/calendar_feed", null), HttpStatusCode.OK);
        var url = new Uri(feed.GetProperty("url").GetString()!);
        Assert.StartsWith("webcal://", feed.GetProperty("webcal_url").GetString(), StringComparison.Ordinal);

        // No cookies: a calendar app fetches the address as it is.
        var response = await app.Api().GetAsync(url.PathAndQuery);
        Assert.Equal("noindex, nofollow", response.Headers.GetValues("X-Robots-Tag").Single());
        Assert.Contains("private", response.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var calendar = await IcsAsync(app.Api(), url.PathAndQuery);
        Assert.Equal(2, calendar.Events.Count);
        var walk = Assert.Single(calendar.Events, e => e.Summary == "Members' walk");
        Assert.Equal("Community hall, 12 Secret Lane, Riverside", walk.Location);
        var choir = Assert.Single(calendar.Events, e => e.Summary == "Choir");
        Assert.Equal(secondChoir, choir.DtStart!.AsUtc);
        Assert.Null(choir.RecurrenceRule);
        Assert.DoesNotContain(calendar.Events, e => e.Summary == "Quiz");
    }

    [Fact]
    public async Task RegeneratingRevokesTheOldAddressAndDeletingTurnsItOff()
    {
        await app.CreateUserAsync("cal_regen");
        var token = await app.TokenAsync("cal_regen");
        var none = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/kindred/calendar_feed"), HttpStatusCode.OK);
        Assert.False(none.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, none.GetProperty("url").ValueKind);

        var first = new Uri((await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/kindred/calendar_feed", null), HttpStatusCode.OK)).GetProperty("url").GetString()!).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app.Api(), first));
        var shown = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/kindred/calendar_feed"), HttpStatusCode.OK);
        Assert.EndsWith(first, shown.GetProperty("url").GetString(), StringComparison.Ordinal);

        var secret = first["/calendar/".Length..^".ics".Length];
        var second = new Uri((await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/kindred/calendar_feed",
            new FormUrlEncodedContent([new("token", secret)])), HttpStatusCode.OK)).GetProperty("url").GetString()!).PathAndQuery;
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app.Api(), first));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app.Api(), second));

        var off = await KindredApp.Json(await app.Api(token).DeleteAsync("/api/v1/kindred/calendar_feed"), HttpStatusCode.OK);
        Assert.False(off.GetProperty("enabled").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app.Api(), second));
    }

    [Fact]
    public async Task RegeneratingWithAStaleTokenIs422AndChangesNothing()
    {
        var user = await app.CreateUserAsync("cal_stale");
        var token = await app.TokenAsync("cal_stale");
        var url = (await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/kindred/calendar_feed", null), HttpStatusCode.OK)).GetProperty("url").GetString()!;
        foreach (var bad in new[] { "not-the-current-one", new string('x', 201) })
        {
            var error = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/kindred/calendar_feed",
                new FormUrlEncodedContent([new("token", bad)])), HttpStatusCode.UnprocessableEntity);
            var message = error.GetProperty("error").GetString()!;
            Assert.True(message.Contains("calendar address", StringComparison.Ordinal) || message.Contains("token", StringComparison.Ordinal), message);
        }
        var still = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/kindred/calendar_feed"), HttpStatusCode.OK);
        Assert.Equal(url, still.GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(app.Api(), new Uri(url).PathAndQuery));
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.CalendarFeedToken).SingleAsync()));
    }

    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "read:accounts" },
        { "POST", "write:accounts" },
        { "DELETE", "write:accounts" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScopeAndAUser(string method, string scope)
    {
        var me = await app.CreateUserAsync("cal_scope_" + method.ToLowerInvariant());
        var full = await app.TokenAsync(me.UserName!);
        var url = (await KindredApp.Json(await app.Api(full).PostAsync("/api/v1/kindred/calendar_feed", null), HttpStatusCode.OK)).GetProperty("url").GetString();
        HttpRequestMessage Request() => new(new HttpMethod(method), "/api/v1/kindred/calendar_feed");
        var lacking = await app.TokenAsync(me.UserName!, scope.StartsWith("read", StringComparison.Ordinal) ? "write" : "read");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read write")).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().SendAsync(Request())).StatusCode);
        var unchanged = await KindredApp.Json(await app.Api(full).GetAsync("/api/v1/kindred/calendar_feed"), HttpStatusCode.OK);
        Assert.Equal(url, unchanged.GetProperty("url").GetString());
        var right = await app.Api(await app.TokenAsync(me.UserName!, scope)).SendAsync(Request());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task TheSettingsPageCreatesRegeneratesAndTurnsOffTheAddress()
    {
        var user = await app.CreateUserAsync("cal_settings");
        var browser = await SignedInAsync("cal_settings");
        Task<string?> SecretAsync() => app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.CalendarFeedToken).SingleAsync());

        var created = await Html.PostFormAsync(browser, "/settings/account", "calendar-feed", new Dictionary<string, string> { ["Input.Action"] = "create" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var first = await SecretAsync();
        Assert.NotNull(first);
        var page = await Html.GetAsync(browser, "/settings/account?done=calendar");
        Assert.Contains($"/calendar/{first}.ics", page, StringComparison.Ordinal);
        Assert.Contains($"webcal://", page, StringComparison.Ordinal);

        var stale = await Html.PostFormAsync(browser, "/settings/account", "calendar-feed", new Dictionary<string, string> { ["Input.Action"] = "regenerate", ["Input.Token"] = "an-address-from-another-tab" });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("not your current calendar address", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(first, await SecretAsync());

        var regenerated = await Html.PostFormAsync(browser, "/settings/account", "calendar-feed", new Dictionary<string, string> { ["Input.Action"] = "regenerate", ["Input.Token"] = first! });
        Assert.Equal(HttpStatusCode.Redirect, regenerated.StatusCode);
        var second = await SecretAsync();
        Assert.NotNull(second);
        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app.Api(), $"/calendar/{first}.ics"));

        var off = await Html.PostFormAsync(browser, "/settings/account", "calendar-feed", new Dictionary<string, string> { ["Input.Action"] = "revoke" });
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        Assert.Null(await SecretAsync());
        Assert.Equal(HttpStatusCode.NotFound, await StatusAsync(app.Api(), $"/calendar/{second}.ics"));
    }

    [Fact]
    public async Task TheCalendarFeedIsInTheOpenApiDocument()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        Assert.True(json.GetProperty("paths").TryGetProperty("/api/v1/kindred/calendar_feed", out var feed));
        Assert.True(feed.TryGetProperty("post", out _));
        Assert.True(feed.TryGetProperty("delete", out _));
    }
}

public sealed class CalendarSqliteTests(SqliteApp app) : CalendarTests(app), IClassFixture<SqliteApp>;

public sealed class CalendarPostgresTests(PostgresApp app) : CalendarTests(app), IClassFixture<PostgresApp>;
