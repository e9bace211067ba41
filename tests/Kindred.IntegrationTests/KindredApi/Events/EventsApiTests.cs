using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.KindredApi.Events;

/// <summary>
/// The events API (Rebased's /api/v1/pleroma/events and Kindred's /api/v1/kindred/events): creating with an announcement
/// post, answering per occurrence, capacity and the waiting list under parallel answers, promotion, updates and
/// cancellations with their notifications, recurrence across a daylight-saving change, bad input, scopes and paging.
/// </summary>
public abstract class EventsApiTests(KindredApp app)
{
    private static int users;

    /// <summary>
    /// A start more than a week ahead, so every test has a future occurrence, at 10:00 UTC (10:00 or 11:00 in London), so
    /// moving it by an hour or two keeps it on the same local day whatever the time of the run.
    /// </summary>
    private static readonly DateTime Start = DateTime.UtcNow.Date.AddDays(8).AddHours(10);

    private async Task<(User User, string Token)> MemberAsync(string prefix, UserRole role = UserRole.Member, string scopes = "read write")
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        return (user, await app.TokenAsync(name, scopes));
    }

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Fields(string name = "Community supper", int? capacity = null, params (string Key, string Value)[] more)
    {
        var fields = new Dictionary<string, string>
        {
            ["name"] = name,
            ["content"] = "Bring a dish if you can.",
            ["start_time"] = Iso(Start),
            ["end_time"] = Iso(Start.AddHours(2)),
            ["time_zone"] = "Europe/London",
            ["place_name"] = "Community hall",
            ["address"] = "12 Secret Street",
            ["area_name"] = "Hackney",
        };
        if (capacity is { } c)
        {
            fields["capacity"] = c.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in more)
        {
            fields[key] = value;
        }
        return fields;
    }

    private async Task<HttpResponseMessage> PostAsync(string token, string path, IEnumerable<KeyValuePair<string, string>>? fields = null) =>
        await app.Api(token).PostAsync(path, new FormUrlEncodedContent(fields ?? []));

    /// <summary>Creates an event through the API; returns the announcement status and the event id.</summary>
    private async Task<(JsonElement Status, string EventId)> CreateAsync(string token, Dictionary<string, string> fields)
    {
        var status = await KindredApp.Json(await PostAsync(token, "/api/v1/pleroma/events", fields), HttpStatusCode.OK);
        return (status, status.GetProperty("pleroma").GetProperty("event").GetProperty("kindred").GetProperty("id").GetString()!);
    }

    private Task<int> EventCountAsync() => app.WithDbAsync(db => db.Events.CountAsync());

    [Fact]
    public async Task AnOrganizerCreatesAnEventWhoseAnnouncementReadsAsAPostWithoutTheAddress()
    {
        var (_, token) = await MemberAsync("ev_org");
        var (status, eventId) = await CreateAsync(token, Fields(capacity: 10, more: ("questions[]", "Any dietary needs?")));
        var ev = status.GetProperty("pleroma").GetProperty("event");
        Assert.Equal("Community supper", ev.GetProperty("name").GetString());
        Assert.Equal(Iso(Start).Replace("Z", ".000Z", StringComparison.Ordinal), ev.GetProperty("start_time").GetString());
        Assert.Equal("12 Secret Street", ev.GetProperty("location").GetProperty("street").GetString());
        Assert.Equal(0, ev.GetProperty("participants_count").GetInt32());
        Assert.Equal("public", status.GetProperty("visibility").GetString());
        var content = status.GetProperty("content").GetString()!;
        Assert.Contains("Community supper", content, StringComparison.Ordinal);
        Assert.Contains("Community hall", content, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/events/{eventId}", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret Street", content, StringComparison.Ordinal);

        // Plain Mastodon clients read the announcement as an ordinary post, replies are the discussion.
        var statusId = status.GetProperty("id").GetString()!;
        var plain = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{statusId}"), HttpStatusCode.OK);
        Assert.Contains("Community supper", plain.GetProperty("content").GetString()!, StringComparison.Ordinal);
        var (_, other) = await MemberAsync("ev_talker");
        await app.PostStatusAsync(other, "Count me in!", inReplyToId: statusId);
        var context = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/statuses/{statusId}/context"), HttpStatusCode.OK);
        Assert.Single(context.GetProperty("descendants").EnumerateArray());

        // Anonymous visitors see the place name and the area, never the address.
        var anonymous = await KindredApp.Json(await app.Api().GetAsync($"/api/v1/kindred/events/{eventId}"), HttpStatusCode.OK);
        Assert.Equal("Community hall", anonymous.GetProperty("place_name").GetString());
        Assert.Equal("Hackney", anonymous.GetProperty("area_name").GetString());
        Assert.Equal(JsonValueKind.Null, anonymous.GetProperty("address").ValueKind);
        Assert.Equal("Any dietary needs?", Assert.Single(anonymous.GetProperty("questions").EnumerateArray()).GetString());
        var mine = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/events/{eventId}"), HttpStatusCode.OK);
        Assert.Equal("12 Secret Street", mine.GetProperty("address").GetString());
        Assert.True(mine.GetProperty("can_manage").GetBoolean());
        Assert.Equal(statusId, mine.GetProperty("status_id").GetString());
    }

    [Fact]
    public async Task TheAnnouncementIsWrittenInTheOrganizersLanguageAndStaysSoWhenEdited()
    {
        var (french, frenchToken) = await MemberAsync("ev_fr");
        await app.WithDbAsync(async db =>
        {
            (await db.Users.FirstAsync(u => u.Id == french.Id)).Locale = "fr";
            await db.SaveChangesAsync();
        });
        var (status, eventId) = await CreateAsync(frenchToken, Fields("Repas partagé", more: [("recurrence", "FREQ=WEEKLY;COUNT=4")]));
        var content = status.GetProperty("content").GetString()!;
        // The event's own clock in the organization's regional French or English (ADR 84, 91).
        var organizationZone = await app.WithDbAsync(db => db.Organizations.Select(o => o.TimeZone).FirstOrDefaultAsync());
        string When(string language) => new TimeFormat(TimeZones.Find("Europe/London"), TimeCultures.For(language, organizationZone)).DateAndTime(Start);
        Assert.Contains(When("fr"), content, StringComparison.Ordinal);
        Assert.Contains("Se répète", content, StringComparison.Ordinal);
        Assert.DoesNotContain("Repeats", content, StringComparison.Ordinal);
        Assert.Contains("📍 Community hall, Hackney", content, StringComparison.Ordinal);
        Assert.Equal("fr", status.GetProperty("language").GetString());

        // The rewritten announcement after an edit is still French.
        var edited = await app.Api(frenchToken).PutAsync($"/api/v1/pleroma/events/{eventId}", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Grand repas partagé" }));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var statusId = status.GetProperty("id").GetString()!;
        var after = await KindredApp.Json(await app.Api(frenchToken).GetAsync($"/api/v1/statuses/{statusId}"), HttpStatusCode.OK);
        Assert.Contains("Grand repas partagé", after.GetProperty("content").GetString()!, StringComparison.Ordinal);
        Assert.Contains("Se répète", after.GetProperty("content").GetString()!, StringComparison.Ordinal);

        // An English-speaking organizer's online event is announced in English.
        var (_, englishToken) = await MemberAsync("ev_en");
        var (english, _) = await CreateAsync(englishToken, Fields("Online coffee", more: [("recurrence", "FREQ=WEEKLY;COUNT=2"), ("mode", "online"), ("online_url", "https://meet.example.org/room"), ("place_name", ""), ("address", ""), ("area_name", "")]));
        var text = english.GetProperty("content").GetString()!;
        Assert.Contains(When("en"), text, StringComparison.Ordinal);
        Assert.Contains("Repeats", text, StringComparison.Ordinal);
        Assert.Contains("📍 Online", text, StringComparison.Ordinal);
        Assert.Equal("en", english.GetProperty("language").GetString());
    }

    [Fact]
    public async Task AnnouncementsCarryTheEventOnTimelinesAndStatusesButOrdinaryPostsDoNot()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (status, eventId) = await CreateAsync(organizer, Fields("Timeline supper"));
        var statusId = status.GetProperty("id").GetString()!;
        var (_, reader) = await MemberAsync("ev_reader");
        await app.PostStatusAsync(organizer, "Just an ordinary post");

        var viewers = new[] { app.Api(), app.Api(reader) };
        foreach (var client in viewers)
        {
            var timeline = await KindredApp.Json(await client.GetAsync("/api/v1/timelines/public?limit=40"), HttpStatusCode.OK);
            var announcement = timeline.EnumerateArray().First(s => s.GetProperty("id").GetString() == statusId);
            var ev = announcement.GetProperty("pleroma").GetProperty("event");
            Assert.Equal("Timeline supper", ev.GetProperty("name").GetString());
            Assert.Equal(eventId, ev.GetProperty("kindred").GetProperty("id").GetString());
            // The address stays for people going and managers.
            Assert.True(!ev.GetProperty("location").TryGetProperty("street", out var street) || street.ValueKind == JsonValueKind.Null);
            var plain = timeline.EnumerateArray().First(s => s.GetProperty("content").GetString()!.Contains("Just an ordinary post", StringComparison.Ordinal));
            Assert.True(!plain.TryGetProperty("pleroma", out var p) || p.ValueKind == JsonValueKind.Null || !p.TryGetProperty("event", out var e) || e.ValueKind == JsonValueKind.Null);

            var single = await KindredApp.Json(await client.GetAsync($"/api/v1/statuses/{statusId}"), HttpStatusCode.OK);
            Assert.Equal("Timeline supper", single.GetProperty("pleroma").GetProperty("event").GetProperty("name").GetString());
        }

        // The organizer's own timelines show the whole event to them, with the address.
        var mine = await KindredApp.Json(await app.Api(organizer).GetAsync($"/api/v1/accounts/{status.GetProperty("account").GetProperty("id").GetString()}/statuses"), HttpStatusCode.OK);
        var own = mine.EnumerateArray().First(s => s.GetProperty("id").GetString() == statusId).GetProperty("pleroma").GetProperty("event");
        Assert.Equal("12 Secret Street", own.GetProperty("location").GetProperty("street").GetString());
        Assert.True(own.GetProperty("kindred").GetProperty("can_manage").GetBoolean());
    }

    [Fact]
    public async Task TheUpcomingListFiltersByModeAndPagesTheFilteredList()
    {
        var (organizer, token) = await MemberAsync("ev_mode");
        await CreateAsync(token, Fields("Hall supper"));
        await CreateAsync(token, Fields("Online quiz", more: [("mode", "online"), ("online_url", "https://meet.example.org/quiz"), ("place_name", ""), ("address", "")]));
        await CreateAsync(token, Fields("Online choir", more: [("mode", "online"), ("online_url", "https://meet.example.org/choir"), ("place_name", ""), ("address", "")]));
        var list = $"/api/v1/kindred/events?organizer_id={organizer.Id}";

        var online = await KindredApp.Json(await app.Api(token).GetAsync(list + "&mode=online"), HttpStatusCode.OK);
        Assert.Equal(["Online choir", "Online quiz"], online.EnumerateArray().Select(e => e.GetProperty("title").GetString()!).Order().ToArray());
        var inPerson = await KindredApp.Json(await app.Api(token).GetAsync(list + "&mode=in_person"), HttpStatusCode.OK);
        Assert.Equal("Hall supper", Assert.Single(inPerson.EnumerateArray()).GetProperty("title").GetString());
        // Paging counts only the filtered events: one online event per page, and the second page is the last.
        var first = await app.Api(token).GetAsync(list + "&mode=online&limit=1");
        Assert.Single((await KindredApp.Json(first, HttpStatusCode.OK)).EnumerateArray());
        Assert.Contains("offset=1", first.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        var second = await app.Api(token).GetAsync(list + "&mode=online&limit=1&offset=1");
        Assert.Single((await KindredApp.Json(second, HttpStatusCode.OK)).EnumerateArray());
        Assert.DoesNotContain("rel=\"next\"", second.Headers.TryGetValues("Link", out var links) ? string.Join(",", links) : "", StringComparison.Ordinal);

        var bad = await KindredApp.Json(await app.Api(token).GetAsync(list + "&mode=underwater"), HttpStatusCode.UnprocessableEntity);
        Assert.True(bad.GetProperty("details").TryGetProperty("mode", out _), bad.ToString());
    }

    [Fact]
    public async Task AMemberAnswersGoingMaybeAndNotGoingWithAnswersToTheQuestions()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (me, token) = await MemberAsync("ev_guest");
        var (_, eventId) = await CreateAsync(organizer, Fields(more: [("questions[]", "Dietary needs?"), ("online_url", "")]));

        var joined = await KindredApp.Json(await PostAsync(token, $"/api/v1/pleroma/events/{eventId}/join", [new("participation_message", "Vegetarian")]), HttpStatusCode.OK);
        Assert.Equal("accept", joined.GetProperty("pleroma").GetProperty("event").GetProperty("join_state").GetString());
        Assert.Equal(1, joined.GetProperty("pleroma").GetProperty("event").GetProperty("participants_count").GetInt32());
        // Going shows the address.
        Assert.Equal("12 Secret Street", joined.GetProperty("pleroma").GetProperty("event").GetProperty("location").GetProperty("street").GetString());

        var maybe = await KindredApp.Json(await PostAsync(token, $"/api/v1/kindred/events/{eventId}/rsvp", [new("response", "maybe"), new("answers[]", "Vegan")]), HttpStatusCode.OK);
        Assert.Equal("maybe", maybe.GetProperty("my_response").GetString());
        Assert.Equal(0, maybe.GetProperty("going_count").GetInt32());
        var attendees = await KindredApp.Json(await app.Api(organizer).GetAsync($"/api/v1/kindred/events/{eventId}/attendees"), HttpStatusCode.OK);
        var row = Assert.Single(attendees.EnumerateArray());
        Assert.Equal("maybe", row.GetProperty("response").GetString());
        Assert.Equal("Vegan", row.GetProperty("answers")[0].GetProperty("answer").GetString());
        Assert.Equal("Dietary needs?", row.GetProperty("answers")[0].GetProperty("question").GetString());

        var left = await KindredApp.Json(await PostAsync(token, $"/api/v1/pleroma/events/{eventId}/leave"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, left.GetProperty("pleroma").GetProperty("event").GetProperty("join_state").ValueKind);
        Assert.Empty((await KindredApp.Json(await app.Api(organizer).GetAsync($"/api/v1/kindred/events/{eventId}/attendees"), HttpStatusCode.OK)).EnumerateArray());
        var stored = await app.WithDbAsync(db => db.EventRsvps.SingleAsync(r => r.AccountId == me.Id));
        Assert.Equal(RsvpResponse.NotGoing, stored.Response);
        Assert.Equal("", stored.Answer1);

        // Too long an answer, or more answers than questions: 422 and nothing changes.
        var tooLong = await KindredApp.Json(await PostAsync(token, $"/api/v1/kindred/events/{eventId}/rsvp", [new("response", "going"), new("answers[]", new string('a', 1001))]), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("too long", tooLong.GetProperty("error").GetString(), StringComparison.Ordinal);
        await KindredApp.Json(await PostAsync(token, $"/api/v1/kindred/events/{eventId}/rsvp", [new("response", "going"), new("answers[]", "a"), new("answers[]", "b")]), HttpStatusCode.UnprocessableEntity);
        await KindredApp.Json(await PostAsync(token, $"/api/v1/kindred/events/{eventId}/rsvp", [new("response", "sometimes")]), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(RsvpResponse.NotGoing, (await app.WithDbAsync(db => db.EventRsvps.SingleAsync(r => r.AccountId == me.Id))).Response);
        Assert.Equal(0, await app.WithDbAsync(db => db.EventOccurrences.Where(o => o.EventId == long.Parse(eventId, CultureInfo.InvariantCulture)).SumAsync(o => o.GoingCount)));
    }

    [Fact]
    public async Task TwentyParallelJoinsForTwoPlacesGiveExactlyTwoGoingAndEighteenWaiting()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (_, eventId) = await CreateAsync(organizer, Fields(capacity: 2));
        var tokens = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            tokens.Add((await MemberAsync("ev_rush")).Token);
        }
        var responses = await Task.WhenAll(tokens.Select(t => PostAsync(t, $"/api/v1/pleroma/events/{eventId}/join")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var states = await Task.WhenAll(responses.Select(async r => (await KindredApp.Json(r, HttpStatusCode.OK)).GetProperty("pleroma").GetProperty("event").GetProperty("join_state").GetString()));
        Assert.Equal(2, states.Count(s => s == "accept"));
        Assert.Equal(18, states.Count(s => s == "pending"));

        var id = long.Parse(eventId, CultureInfo.InvariantCulture);
        var occurrence = await app.WithDbAsync(db => db.EventOccurrences.SingleAsync(o => o.EventId == id));
        Assert.Equal(2, occurrence.GoingCount);
        Assert.Equal(18, occurrence.WaitlistCount);
        Assert.Equal(2, await app.WithDbAsync(db => db.EventRsvps.CountAsync(r => r.EventId == id && r.Response == RsvpResponse.Going)));
        Assert.Equal(18, await app.WithDbAsync(db => db.EventRsvps.CountAsync(r => r.EventId == id && r.Response == RsvpResponse.Waitlisted)));

        // Everyone leaving at once never leaves more than two going, and the counters match the answers.
        var leaving = await Task.WhenAll(tokens.Take(10).Select(t => PostAsync(t, $"/api/v1/pleroma/events/{eventId}/leave")));
        Assert.All(leaving, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var going = await app.WithDbAsync(db => db.EventRsvps.CountAsync(r => r.EventId == id && r.Response == RsvpResponse.Going));
        var waiting = await app.WithDbAsync(db => db.EventRsvps.CountAsync(r => r.EventId == id && r.Response == RsvpResponse.Waitlisted));
        Assert.Equal(2, going);
        Assert.Equal(8, waiting);
        occurrence = await app.WithDbAsync(db => db.EventOccurrences.SingleAsync(o => o.EventId == id));
        Assert.Equal((2, 8), (occurrence.GoingCount, occurrence.WaitlistCount));
    }

    [Fact]
    public async Task LeavingPromotesTheOldestWaitingAnswerWhoIsTold()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (_, eventId) = await CreateAsync(organizer, Fields(capacity: 1));
        var (_, first) = await MemberAsync("ev_first");
        var (second, secondToken) = await MemberAsync("ev_second");
        var (_, third) = await MemberAsync("ev_third");
        await KindredApp.Json(await PostAsync(first, $"/api/v1/pleroma/events/{eventId}/join"), HttpStatusCode.OK);
        await KindredApp.Json(await PostAsync(secondToken, $"/api/v1/pleroma/events/{eventId}/join"), HttpStatusCode.OK);
        await KindredApp.Json(await PostAsync(third, $"/api/v1/pleroma/events/{eventId}/join"), HttpStatusCode.OK);
        var list = await KindredApp.Json(await app.Api(organizer).GetAsync($"/api/v1/kindred/events/{eventId}/attendees"), HttpStatusCode.OK);
        Assert.Equal(["going", "waitlisted", "waitlisted"], list.EnumerateArray().Select(a => a.GetProperty("response").GetString()!).ToArray());

        await KindredApp.Json(await PostAsync(first, $"/api/v1/pleroma/events/{eventId}/leave"), HttpStatusCode.OK);
        var after = await KindredApp.Json(await app.Api(secondToken).GetAsync($"/api/v1/kindred/events/{eventId}"), HttpStatusCode.OK);
        Assert.Equal("going", after.GetProperty("my_response").GetString());
        Assert.Equal(1, after.GetProperty("going_count").GetInt32());
        Assert.Equal(1, after.GetProperty("waitlist_count").GetInt32());
        var notifications = await KindredApp.Json(await app.Api(secondToken).GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("type").GetString() == "pleroma:participation_accepted");
        var participations = await KindredApp.Json(await app.Api(organizer).GetAsync($"/api/v1/pleroma/events/{eventId}/participations"), HttpStatusCode.OK);
        Assert.Equal(second.Id.ToString(CultureInfo.InvariantCulture), Assert.Single(participations.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task EachWaitingMemberSeesTheirOwnPlaceOnTheWaitingListAndNobodyElseSeesOne()
    {
        var (_, organizer) = await MemberAsync("ev_wpo");
        var (_, eventId) = await CreateAsync(organizer, Fields(capacity: 1));
        var (_, first) = await MemberAsync("ev_wp1");
        var (_, second) = await MemberAsync("ev_wp2");
        var (_, third) = await MemberAsync("ev_wp3");
        foreach (var token in new[] { first, second, third })
        {
            await KindredApp.Json(await PostAsync(token, $"/api/v1/pleroma/events/{eventId}/join"), HttpStatusCode.OK);
        }

        async Task<JsonElement> PositionAsync(string token) =>
            (await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/events/{eventId}"), HttpStatusCode.OK)).GetProperty("waitlist_position");
        Assert.Equal(JsonValueKind.Null, (await PositionAsync(first)).ValueKind);
        Assert.Equal(1, (await PositionAsync(second)).GetInt32());
        Assert.Equal(2, (await PositionAsync(third)).GetInt32());
        Assert.Equal(JsonValueKind.Null, (await PositionAsync(organizer)).ValueKind);

        // The second person withdraws: the third moves up to first in line.
        await KindredApp.Json(await PostAsync(second, $"/api/v1/pleroma/events/{eventId}/leave"), HttpStatusCode.OK);
        Assert.Equal(1, (await PositionAsync(third)).GetInt32());
    }

    [Fact]
    public async Task UpdatingTheTimeTellsPeopleGoingAndRewritesTheAnnouncement()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (status, eventId) = await CreateAsync(organizer, Fields());
        var (_, guest) = await MemberAsync("ev_guest");
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/pleroma/events/{eventId}/join"), HttpStatusCode.OK);
        var later = Start.AddDays(1);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/pleroma/events/{status.GetProperty("id").GetString()}")
        {
            Content = new FormUrlEncodedContent([new("start_time", Iso(later)), new("name", "Community supper (moved)")]),
        };
        var updated = await KindredApp.Json(await app.Api(organizer).SendAsync(request), HttpStatusCode.OK);
        Assert.Equal("Community supper (moved)", updated.GetProperty("pleroma").GetProperty("event").GetProperty("name").GetString());
        Assert.Contains("(moved)", updated.GetProperty("content").GetString()!, StringComparison.Ordinal);
        var view = await KindredApp.Json(await app.Api(guest).GetAsync($"/api/v1/kindred/events/{eventId}"), HttpStatusCode.OK);
        Assert.Equal(Iso(later).Replace("Z", ".000Z", StringComparison.Ordinal), view.GetProperty("occurrence_start").GetString());
        // The answer moved with the one-off event and the guest still sees the address.
        Assert.Equal("going", view.GetProperty("my_response").GetString());
        Assert.Equal(Iso(later.AddHours(2)).Replace("Z", ".000Z", StringComparison.Ordinal), view.GetProperty("end_time").GetString());
        var notifications = await KindredApp.Json(await app.Api(guest).GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("type").GetString() == "pleroma:event_update");

        // Someone else may not change it.
        var other = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/pleroma/events/{eventId}") { Content = new FormUrlEncodedContent([new("name", "Mine now")]) };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(guest).SendAsync(other)).StatusCode);
    }

    [Fact]
    public async Task MovingASeriesCarriesAnswersToTheSameDayAndDropsThoseForDatesThatNoLongerExist()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (_, eventId) = await CreateAsync(organizer, Fields(capacity: 5, more: [("recurrence", "FREQ=WEEKLY;COUNT=4")]));
        var (_, earlyToken) = await MemberAsync("ev_early");
        var (_, lateToken) = await MemberAsync("ev_late");
        var (_, unsureToken) = await MemberAsync("ev_unsure");
        async Task AnswerAsync(string token, string response, DateTime occurrence) =>
            await KindredApp.Json(await PostAsync(token, $"/api/v1/kindred/events/{eventId}/rsvp", [new("response", response), new("occurrence", Iso(occurrence))]), HttpStatusCode.OK);
        await AnswerAsync(earlyToken, "going", Start.AddDays(7));
        await AnswerAsync(lateToken, "going", Start.AddDays(21));
        await AnswerAsync(unsureToken, "maybe", Start.AddDays(21));

        // An hour later on the same days, and one week fewer.
        var moved = Start.AddHours(1);
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/pleroma/events/{eventId}")
        {
            Content = new FormUrlEncodedContent([new("start_time", Iso(moved)), new("end_time", Iso(moved.AddHours(2))), new("recurrence", "FREQ=WEEKLY;COUNT=3")]),
        };
        await KindredApp.Json(await app.Api(organizer).SendAsync(request), HttpStatusCode.OK);

        // The answer for a date that still exists moved to its new time, with its place.
        var second = await KindredApp.Json(await app.Api(earlyToken).GetAsync($"/api/v1/kindred/events/{eventId}?occurrence={Iso(moved.AddDays(7))}"), HttpStatusCode.OK);
        Assert.Equal("going", second.GetProperty("my_response").GetString());
        Assert.Equal(1, second.GetProperty("going_count").GetInt32());
        // The fourth date is gone: its answers and counters went with it, and those who had answered are told.
        Assert.False(await app.WithDbAsync(db => db.EventRsvps.AnyAsync(r => r.EventId == long.Parse(eventId, CultureInfo.InvariantCulture) && r.OccurrenceStartsAt > Start.AddDays(20))));
        var rows = await app.WithDbAsync(db => db.EventOccurrences.Where(o => o.EventId == long.Parse(eventId, CultureInfo.InvariantCulture)).Select(o => o.StartsAt).ToListAsync());
        Assert.All(rows, r => Assert.Contains(Iso(r), new[] { Iso(moved), Iso(moved.AddDays(7)), Iso(moved.AddDays(14)) }));
        Assert.Equal(1, await app.WithDbAsync(db => db.EventRsvps.CountAsync(r => r.EventId == long.Parse(eventId, CultureInfo.InvariantCulture))));
        foreach (var token in new[] { lateToken, unsureToken, earlyToken })
        {
            var notifications = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
            Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("type").GetString() == "pleroma:event_update");
        }
        var occurrences = await KindredApp.Json(await app.Api(lateToken).GetAsync($"/api/v1/kindred/events/{eventId}/occurrences?from={Iso(Start.AddDays(-1))}&to={Iso(Start.AddDays(30))}"), HttpStatusCode.OK);
        Assert.Equal(3, occurrences.GetArrayLength());
        Assert.Equal(1, occurrences.EnumerateArray().Sum(o => o.GetProperty("going_count").GetInt32()));
    }

    [Fact]
    public async Task CancellingTheEventTellsEveryoneAndClosesAnswers()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (_, eventId) = await CreateAsync(organizer, Fields());
        var (_, guest) = await MemberAsync("ev_guest");
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/kindred/events/{eventId}/rsvp", [new("response", "maybe")]), HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(guest, $"/api/v1/kindred/events/{eventId}/cancel")).StatusCode);
        var cancelled = await KindredApp.Json(await PostAsync(organizer, $"/api/v1/kindred/events/{eventId}/cancel"), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, cancelled.GetProperty("cancelled_at").ValueKind);
        var notifications = await KindredApp.Json(await app.Api(guest).GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("type").GetString() == "pleroma:event_update");
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/pleroma/events/{eventId}/join"), HttpStatusCode.UnprocessableEntity);
        var upcoming = await KindredApp.Json(await app.Api(guest).GetAsync("/api/v1/kindred/events"), HttpStatusCode.OK);
        Assert.DoesNotContain(upcoming.EnumerateArray(), e => e.GetProperty("id").GetString() == eventId);
    }

    [Fact]
    public async Task AWeeklyEventKeepsItsLocalTimeAcrossTheEndOfSummerTimeAndOneDateCanBeCancelled()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        // Tuesdays 19:00 in London, from well before to well after the last Sunday of October (next year, so it is ahead).
        var year = DateTime.UtcNow.Year + 1;
        var first = new DateTime(year, 10, 6, 18, 0, 0, DateTimeKind.Utc); // a date in BST: 19:00 local = 18:00 UTC
        while (first.DayOfWeek != DayOfWeek.Tuesday)
        {
            first = first.AddDays(1);
        }
        var (_, eventId) = await CreateAsync(organizer, Fields(more: [("start_time", Iso(first)), ("end_time", Iso(first.AddHours(2))), ("recurrence", "FREQ=WEEKLY;BYDAY=TU")]));
        var occurrences = await KindredApp.Json(await app.Api(organizer).GetAsync(
            $"/api/v1/kindred/events/{eventId}/occurrences?from={Iso(first)}&to={Iso(first.AddDays(42))}"), HttpStatusCode.OK);
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var starts = occurrences.EnumerateArray().Select(o => DateTime.Parse(o.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal)).ToList();
        Assert.Equal(6, starts.Count);
        Assert.All(starts, s => Assert.Equal(19, TimeZoneInfo.ConvertTimeFromUtc(s, london).Hour));
        Assert.Contains(starts, s => s.Hour == 18);
        Assert.Contains(starts, s => s.Hour == 19);

        // Cancel the first date after the change; it leaves the series and the upcoming list.
        var afterChange = starts.First(s => s.Hour == 19);
        var cancelled = await KindredApp.Json(await PostAsync(organizer, $"/api/v1/kindred/events/{eventId}/occurrences/cancel", [new("occurrence", Iso(afterChange))]), HttpStatusCode.OK);
        Assert.Single(cancelled.GetProperty("recurrence_exceptions").EnumerateArray());
        var again = await KindredApp.Json(await app.Api(organizer).GetAsync(
            $"/api/v1/kindred/events/{eventId}/occurrences?from={Iso(first)}&to={Iso(first.AddDays(42))}"), HttpStatusCode.OK);
        Assert.Equal(5, again.GetArrayLength());
        var (_, guest) = await MemberAsync("ev_guest");
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/pleroma/events/{eventId}/join", [new("occurrence", Iso(afterChange))]), HttpStatusCode.UnprocessableEntity);
        // A time that is not an occurrence is refused; a real one is answered for on its own.
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/pleroma/events/{eventId}/join", [new("occurrence", Iso(afterChange.AddHours(1)))]), HttpStatusCode.UnprocessableEntity);
        var last = starts[^1];
        var joined = await KindredApp.Json(await PostAsync(guest, $"/api/v1/kindred/events/{eventId}/rsvp", [new("response", "going"), new("occurrence", Iso(last))]), HttpStatusCode.OK);
        Assert.Equal(Iso(last).Replace("Z", ".000Z", StringComparison.Ordinal), joined.GetProperty("occurrence_start").GetString());
        Assert.Equal("going", joined.GetProperty("my_response").GetString());
        var window = await KindredApp.Json(await app.Api(guest).GetAsync($"/api/v1/kindred/events?from={Iso(first)}&to={Iso(first.AddDays(42))}&organizer_id={cancelled.GetProperty("organizer").GetProperty("id").GetString()}"), HttpStatusCode.OK);
        Assert.Equal(5, window.GetArrayLength());
    }

    [Theory]
    [InlineData("end_time", "before start")]
    [InlineData("recurrence", "FREQ=SOMETIMES")]
    [InlineData("capacity", "-1")]
    [InlineData("online", "no link")]
    [InlineData("questions", "four")]
    [InlineData("question", "too long")]
    [InlineData("time_zone", "Mars/Olympus")]
    public async Task BadInputIsA422AndCreatesNothing(string field, string why)
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var fields = Fields();
        var pairs = fields.ToList();
        switch (field)
        {
            case "end_time":
                fields["end_time"] = Iso(Start.AddHours(-1));
                break;
            case "recurrence":
                fields["recurrence"] = why;
                break;
            case "capacity":
                fields["capacity"] = why;
                break;
            case "online":
                fields["mode"] = "online";
                break;
            case "time_zone":
                fields["time_zone"] = why;
                break;
        }
        pairs = fields.ToList();
        if (field == "questions")
        {
            pairs.AddRange(Enumerable.Range(1, 4).Select(i => new KeyValuePair<string, string>("questions[]", $"Question {i}?")));
        }
        if (field == "question")
        {
            pairs.Add(new("questions[]", new string('q', 301)));
        }
        var before = await EventCountAsync();
        var error = await KindredApp.Json(await PostAsync(organizer, "/api/v1/pleroma/events", pairs), HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.Equal(before, await EventCountAsync());
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.Text.Contains("Community supper"))) && before == 0);
    }

    [Fact]
    public async Task UnknownEventsAreNotFound()
    {
        var (_, token) = await MemberAsync("ev_lost");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).GetAsync("/api/v1/kindred/events/123456789")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(token, "/api/v1/pleroma/events/123456789/join")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).GetAsync("/api/v1/pleroma/events/123456789/participations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(token).GetAsync("/api/v1/kindred/events/nope")).StatusCode);
    }

    [Fact]
    public async Task TheAttendeeCsvEscapesFormulasAndIsForManagersOnly()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (_, eventId) = await CreateAsync(organizer, Fields(more: ("questions[]", "Anything else?")));
        var (_, guest) = await MemberAsync("ev_guest");
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/pleroma/events/{eventId}/join", [new("answers[]", "=HYPERLINK(\"http://evil\",\"x\")")]), HttpStatusCode.OK);
        var response = await app.Api(organizer).GetAsync($"/api/v1/kindred/events/{eventId}/attendees.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = await response.Content.ReadAsStringAsync();
        Assert.Contains("Anything else?", csv, StringComparison.Ordinal);
        Assert.Contains("going", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",\"=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(guest).GetAsync($"/api/v1/kindred/events/{eventId}/attendees.csv")).StatusCode);
    }

    [Fact]
    public async Task CheckInIsForManagersOnTheDay()
    {
        var (_, organizer) = await MemberAsync("ev_org");
        var (guestUser, guest) = await MemberAsync("ev_guest");
        var (_, eventId) = await CreateAsync(organizer, Fields());
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/pleroma/events/{eventId}/join"), HttpStatusCode.OK);
        var id = guestUser.Id.ToString(CultureInfo.InvariantCulture);
        var early = await KindredApp.Json(await PostAsync(organizer, $"/api/v1/kindred/events/{eventId}/check_in", [new("account_id", id)]), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("day", early.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostAsync(guest, $"/api/v1/kindred/events/{eventId}/check_in", [new("account_id", id)])).StatusCode);

        // Today's event (started an hour ago, two hours long) can be checked into.
        var now = DateTime.UtcNow;
        var (_, today) = await CreateAsync(organizer, Fields(more: [("start_time", Iso(now.AddMinutes(-30))), ("end_time", Iso(now.AddMinutes(30))), ("time_zone", "UTC")]));
        await KindredApp.Json(await PostAsync(guest, $"/api/v1/pleroma/events/{today}/join"), HttpStatusCode.OK);
        var checkedIn = await KindredApp.Json(await PostAsync(organizer, $"/api/v1/kindred/events/{today}/check_in", [new("account_id", id)]), HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, checkedIn.GetProperty("checked_in_at").ValueKind);
        var undone = await KindredApp.Json(await PostAsync(organizer, $"/api/v1/kindred/events/{today}/check_in", [new("account_id", id), new("undo", "true")]), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, undone.GetProperty("checked_in_at").ValueKind);
    }

    [Fact]
    public async Task TheUpcomingListAndMyEventsPageByOffsetWithALinkHeader()
    {
        var (_, organizer) = await MemberAsync("ev_pager");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, id) = await CreateAsync(organizer, Fields(name: $"Pager {i}", more: [("start_time", Iso(Start.AddDays(30 + i))), ("end_time", Iso(Start.AddDays(30 + i).AddHours(1)))]));
            ids.Add(id);
            await KindredApp.Json(await PostAsync(organizer, $"/api/v1/pleroma/events/{id}/join"), HttpStatusCode.OK);
        }
        var organizerId = (await KindredApp.Json(await app.Api(organizer).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK)).GetProperty("id").GetString();
        var first = await app.Api(organizer).GetAsync($"/api/v1/kindred/events?organizer_id={organizerId}&limit=2");
        var page = await KindredApp.Json(first, HttpStatusCode.OK);
        Assert.Equal(ids.Take(2), page.EnumerateArray().Select(e => e.GetProperty("id").GetString()));
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains("offset=2", link, StringComparison.Ordinal);
        Assert.Contains($"organizer_id={organizerId}", link, StringComparison.Ordinal);
        var second = await KindredApp.Json(await app.Api(organizer).GetAsync($"/api/v1/kindred/events?organizer_id={organizerId}&limit=2&offset=2"), HttpStatusCode.OK);
        Assert.Equal(ids[2], Assert.Single(second.EnumerateArray()).GetProperty("id").GetString());
        var joined = await app.Api(organizer).GetAsync("/api/v1/pleroma/events/joined?limit=1");
        var one = await KindredApp.Json(joined, HttpStatusCode.OK);
        Assert.Equal("Pager 0", Assert.Single(one.EnumerateArray()).GetProperty("pleroma").GetProperty("event").GetProperty("name").GetString());
        Assert.Contains("offset=1", joined.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        await KindredApp.Json(await app.Api(organizer).GetAsync("/api/v1/kindred/events?offset=-1"), HttpStatusCode.UnprocessableEntity);
        await KindredApp.Json(await app.Api(organizer).GetAsync($"/api/v1/kindred/events?from={Iso(Start)}&to={Iso(Start.AddDays(-1))}"), HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task NearFiltersByDistanceFromAPoint()
    {
        var (_, organizer) = await MemberAsync("ev_near");
        var (_, hackney) = await CreateAsync(organizer, Fields(name: "Near", more: [("latitude", "51.545"), ("longitude", "-0.055")]));
        var (_, leeds) = await CreateAsync(organizer, Fields(name: "Far", more: [("latitude", "53.80"), ("longitude", "-1.55")]));
        var near = await KindredApp.Json(await app.Api(organizer).GetAsync("/api/v1/kindred/events?near=51.55,-0.06&radius=10"), HttpStatusCode.OK);
        var found = near.EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Contains(hackney, found);
        Assert.DoesNotContain(leeds, found);
        await KindredApp.Json(await app.Api(organizer).GetAsync("/api/v1/kindred/events?near=me"), HttpStatusCode.UnprocessableEntity);
        await KindredApp.Json(await app.Api(organizer).GetAsync("/api/v1/kindred/events?near=51,0&radius=5000"), HttpStatusCode.UnprocessableEntity);
    }

    public static TheoryData<string, string, string> Endpoints() => new()
    {
        { "POST", "/api/v1/pleroma/events", "write" },
        { "PUT", "/api/v1/pleroma/events/{id}", "write" },
        { "POST", "/api/v1/pleroma/events/{id}/join", "write" },
        { "POST", "/api/v1/pleroma/events/{id}/leave", "write" },
        { "GET", "/api/v1/pleroma/events/{id}/participations", "read" },
        { "GET", "/api/v1/pleroma/events/joined", "read" },
        { "POST", "/api/v1/kindred/events/{id}/rsvp", "write" },
        { "POST", "/api/v1/kindred/events/{id}/cancel", "write" },
        { "POST", "/api/v1/kindred/events/{id}/occurrences/cancel", "write" },
        { "POST", "/api/v1/kindred/events/{id}/check_in", "write" },
        { "GET", "/api/v1/kindred/events/{id}/attendees", "read" },
        { "GET", "/api/v1/kindred/events/{id}/attendees.csv", "read" },
        { "GET", "/api/v1/kindred/events", "read" },
        { "GET", "/api/v1/kindred/events/{id}", "read" },
        { "GET", "/api/v1/kindred/events/{id}/occurrences", "read" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScope(string method, string path, string scope)
    {
        var (me, full) = await MemberAsync("ev_scope");
        var (_, eventId) = await CreateAsync(full, Fields());
        var url = path.Replace("{id}", eventId, StringComparison.Ordinal);
        HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = method == "GET" ? null : new FormUrlEncodedContent([new("name", "Renamed")]) };
        var lacking = await app.TokenAsync(me.UserName!, scope == "read" ? "write" : "read");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(Request())).StatusCode);
        var right = await app.Api(await app.TokenAsync(me.UserName!, scope)).SendAsync(Request());
        Assert.NotEqual(HttpStatusCode.Forbidden, right.StatusCode);
        Assert.NotEqual(HttpStatusCode.Unauthorized, right.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheEventsApi()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/pleroma/events", out var events));
        Assert.True(events.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/pleroma/events/{id}/join", out _));
        Assert.True(paths.TryGetProperty("/api/v1/kindred/events", out _));
        Assert.True(paths.TryGetProperty("/api/v1/kindred/events/{id}/attendees.csv", out _));
    }
}

public sealed class EventsApiSqliteTests(SqliteApp app) : EventsApiTests(app), IClassFixture<SqliteApp>;

public sealed class EventsApiPostgresTests(PostgresApp app) : EventsApiTests(app), IClassFixture<PostgresApp>;
