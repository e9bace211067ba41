using System.Net;
using System.Text.Json;
using Kindred.Core.Federation;
using Kindred.Core.Jobs;
using Kindred.Core.Peers;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Events;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>
/// Events on the fediverse (ADR 106) against a loopback Mastodon-shaped peer that follows the organizer: a public event
/// is delivered as a Mobilizon-shaped Event (coarse place, no street address, no online link) and answers its own
/// address as JSON; members-only and group events are never delivered nor fetchable; the peer's Join becomes an answer
/// "going" with an Accept back, its Leave "not going", and a cancellation reaches it as an Update.
/// </summary>
public abstract class EventFederationTests(KindredApp app) : IAsyncLifetime
{
    private static readonly string[] Kinds = [InboxDispatch.Name, DeliveryJob.Name, StatusDelivery.Name, EventDelivery.Name];
    private RemoteActorServer remote = null!;

    public async Task InitializeAsync() => remote = await RemoteActorServer.StartAsync();

    public async Task DisposeAsync() => await remote.DisposeAsync();

    private async Task<T> EventuallyAsync<T>(Func<Task<T?>> done)
        where T : struct
    {
        for (var i = 0; i < 100; i++)
        {
            await app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync(Kinds));
            if (await done() is { } result)
            {
                return result;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The federation jobs did not get there.");
    }

    private Task<JsonElement?> DeliveredAsync(string type, Func<JsonElement, bool>? where = null) => Task.FromResult(
        remote.Received.Select(r => JsonDocument.Parse(r.Body).RootElement.Clone())
            .Where(e => e.GetProperty("type").GetString() == type && (where is null || where(e)))
            .Select(e => (JsonElement?)e).LastOrDefault());

    private async Task SendAsync(string path, string json) =>
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api().SendAsync(remote.SignedCavage(path, json))).StatusCode);

    private static string ObjectId(JsonElement activity) =>
        activity.GetProperty("object") is { ValueKind: JsonValueKind.Object } inner ? inner.GetProperty("id").GetString()! : activity.GetProperty("object").GetString()!;

    private string Join(string type, long eventId) =>
        $$"""{"@context":"https://www.w3.org/ns/activitystreams","id":"{{remote.ActorId}}#{{type.ToLowerInvariant()}}s/{{Guid.NewGuid():N}}","type":"{{type}}","actor":"{{remote.ActorId}}","object":"http://localhost/events/{{eventId}}"}""";

    [Fact]
    public async Task APublicEventReachesFollowersAsAnEventThatPeersCanJoinAndNoOtherEventEverLeaves()
    {
        var organizer = await app.CreateUserAsync("evorg");
        var followId = $"{remote.ActorId}/follows/{Guid.NewGuid():N}";
        await SendAsync("/users/evorg/inbox",
            $$"""{"@context":"https://www.w3.org/ns/activitystreams","id":"{{followId}}","type":"Follow","actor":"{{remote.ActorId}}","object":"http://localhost/users/evorg"}""");
        await EventuallyAsync(() => DeliveredAsync("Accept", a => ObjectId(a) == followId));

        var start = DateTime.UtcNow.Date.AddDays(10).AddHours(18);
        var group = await TestGroups.CreateAsync(app, "ev-public-group", GroupVisibility.Public, organizer.Id);
        var members = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Members supper", start, visibility: EventVisibility.Members));
        var inGroup = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Group supper", start, visibility: EventVisibility.Group, groupId: group.Id));
        var open = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Harvest supper", start, "Europe/Paris") with
        {
            Latitude = 45.764043,
            Longitude = 4.835659,
            Capacity = 30,
        });

        var create = await EventuallyAsync(() => DeliveredAsync("Create", c => c.GetProperty("object").GetProperty("type").GetString() == "Event"));
        var ev = create.GetProperty("object");
        Assert.Equal($"http://localhost/events/{open.Id}", ev.GetProperty("id").GetString());
        Assert.Equal(ev.GetProperty("id").GetString(), ev.GetProperty("url").GetString());
        Assert.Equal("Harvest supper", ev.GetProperty("name").GetString());
        Assert.Contains("Bring a friend.", ev.GetProperty("content").GetString(), StringComparison.Ordinal);
        Assert.Equal(IsoTime(start), ev.GetProperty("startTime").GetString());
        Assert.Equal(IsoTime(start.AddHours(2)), ev.GetProperty("endTime").GetString());
        Assert.Equal("Europe/Paris", ev.GetProperty("timezone").GetString());
        Assert.Equal("free", ev.GetProperty("joinMode").GetString());
        Assert.Equal(0, ev.GetProperty("participantCount").GetInt32());
        Assert.Equal(30, ev.GetProperty("maximumAttendeeCapacity").GetInt32());
        Assert.Equal("http://localhost/users/evorg", ev.GetProperty("attributedTo").GetString());
        Assert.Equal("http://localhost/users/evorg", create.GetProperty("actor").GetString());
        Assert.Contains("https://www.w3.org/ns/activitystreams#Public", ev.GetProperty("to").EnumerateArray().Select(e => e.GetString()));
        var place = ev.GetProperty("location");
        Assert.Equal("Place", place.GetProperty("type").GetString());
        Assert.Equal("Community hall", place.GetProperty("name").GetString());
        Assert.Equal(45.76, place.GetProperty("latitude").GetDouble());
        Assert.Equal(4.84, place.GetProperty("longitude").GetDouble());

        // Its address answers the same Event to peers; the other two are a bare 404.
        var fetched = await ActivityPubClient.JsonAsync(app, $"/events/{open.Id}");
        Assert.Equal("Event", fetched.GetProperty("type").GetString());
        foreach (var hidden in new[] { members.Id, inGroup.Id })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ActivityPubClient.GetAsync(app, $"/events/{hidden}")).StatusCode);
        }

        // The peer joins: an answer "going" for its remote account, an Accept naming the Join, a count of one.
        var join = Join("Join", open.Id);
        await SendAsync("/inbox", join);
        var joinId = JsonDocument.Parse(join).RootElement.GetProperty("id").GetString();
        var accept = await EventuallyAsync(() => DeliveredAsync("Accept", a => ObjectId(a) == joinId));
        Assert.Equal("Join", accept.GetProperty("object").GetProperty("type").GetString());
        Assert.Equal("http://localhost/users/evorg", accept.GetProperty("actor").GetString());
        var host = new Uri(remote.BaseUrl).Authority;
        Assert.Equal(RsvpResponse.Going, await app.WithDbAsync(db => db.EventRsvps.Where(r => r.EventId == open.Id && db.Accounts.Any(a => a.Id == r.AccountId && a.Domain == host))
            .Select(r => r.Response).SingleAsync()));
        Assert.Equal(1, (await ActivityPubClient.JsonAsync(app, $"/events/{open.Id}")).GetProperty("participantCount").GetInt32());

        // A Join of a members-only event changes nothing and is not answered; a Leave of the public one (sent after
        // it, so both have run once it shows) is "not going".
        await SendAsync("/inbox", Join("Join", members.Id));
        await SendAsync("/inbox", Join("Leave", open.Id));
        await EventuallyAsync<bool>(async () => await app.WithDbAsync(db => db.EventRsvps.AnyAsync(r => r.EventId == open.Id && r.Response == RsvpResponse.NotGoing)) ? true : null);
        Assert.False(await app.WithDbAsync(db => db.EventRsvps.AnyAsync(r => r.EventId == members.Id)));

        // A cancellation is an Update whose status is CANCELLED.
        await EventFixtures.CancelAsync(app, organizer.Id, open.Id);
        var update = await EventuallyAsync(() => DeliveredAsync("Update", u => u.GetProperty("object").GetProperty("type").GetString() == "Event"));
        Assert.Equal("CANCELLED", update.GetProperty("object").GetProperty("status").GetString());

        // Every body that left: never the members-only or group event, the street address, nor a second copy of the
        // public event as its announcement post.
        Assert.DoesNotContain(remote.Received, r => r.Body.Contains("Members supper", StringComparison.Ordinal) || r.Body.Contains("Group supper", StringComparison.Ordinal));
        Assert.DoesNotContain(remote.Received, r => r.Body.Contains("Secret Lane", StringComparison.Ordinal));
        Assert.DoesNotContain(remote.Received, r => r.Body.Contains("\"Note\"", StringComparison.Ordinal));
        Assert.DoesNotContain(remote.Received.Where(r => r.Body.Contains("\"Accept\"", StringComparison.Ordinal)), r => r.Body.Contains(members.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    private static string IsoTime(DateTime utc) => Kindred.Core.Common.IsoTime.Format(utc);
}

public sealed class EventFederationSqliteTests(FederationSqliteApp app) : EventFederationTests(app), IClassFixture<FederationSqliteApp>;

public sealed class EventFederationPostgresTests(FederationPostgresApp app) : EventFederationTests(app), IClassFixture<FederationPostgresApp>;
