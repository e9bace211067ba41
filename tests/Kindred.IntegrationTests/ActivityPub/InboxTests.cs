using System.Net;
using System.Security.Cryptography;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.ActivityPub;

/// <summary>
/// Deliveries from another server (a loopback Mastodon-shaped peer, which federation's development mode lets the server
/// fetch keys from): a well-signed activity is stored once and answered 202 on every inbox, by either signature
/// standard; every way of getting the signature wrong is 401 and stores nothing.
/// </summary>
public abstract class InboxTests(KindredApp app) : IAsyncLifetime
{
    private RemoteActorServer remote = null!;

    public async Task InitializeAsync() => remote = await RemoteActorServer.StartAsync();

    public async Task DisposeAsync() => await remote.DisposeAsync();

    private Task<int> StoredAsync(string activityId) => app.WithDbAsync(db => db.InboxActivities.CountAsync(a => a.ActivityId == activityId));

    [Fact]
    public async Task ASignedDeliveryIsStoredOnceAndAccepted()
    {
        await app.CreateUserAsync("inbob");
        var id = Guid.NewGuid().ToString("N");
        var json = remote.CreateNote(id, "Hello from elsewhere");
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api().SendAsync(remote.SignedCavage("/users/inbob/inbox", json))).StatusCode);
        // A redelivery (Mastodon retries until it sees a 2xx) is answered the same and stored once.
        Assert.Equal(HttpStatusCode.Accepted, (await app.Api().SendAsync(remote.SignedCavage("/users/inbob/inbox", json))).StatusCode);
        var activityId = $"{remote.ActorId}/statuses/{id}/activity";
        Assert.Equal(1, await StoredAsync(activityId));
        var stored = await app.WithDbAsync(db => db.InboxActivities.SingleAsync(a => a.ActivityId == activityId));
        Assert.Equal("Create", stored.Type);
        Assert.Equal(remote.ActorId, stored.Actor);
        Assert.Equal("inbob", stored.Recipient);
        Assert.Contains("Hello from elsewhere", stored.Body, StringComparison.Ordinal);
        // The key was fetched once, and the fetch was signed by the server's own actor.
        Assert.Equal(1, remote.ActorFetches);
        Assert.Contains("keyId=\"http://localhost/actor#main-key\"", remote.LastFetchSignature, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSharedInboxTakesRfc9421Signatures()
    {
        var id = Guid.NewGuid().ToString("N");
        var response = await app.Api().SendAsync(remote.SignedRfc9421("/inbox", remote.CreateNote(id, "Signed the new way")));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var stored = await app.WithDbAsync(db => db.InboxActivities.SingleAsync(a => a.ActivityId == $"{remote.ActorId}/statuses/{id}/activity"));
        Assert.Null(stored.Recipient);
    }

    public static TheoryData<string> Refusals() => ["unsigned", "another key", "thirteen hours old", "digest of another body", "another actor", "stale rfc9421", "tampered body"];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task AWronglySignedDeliveryIsRefusedAndNothingIsStored(string refusal)
    {
        var name = "inr" + Guid.NewGuid().ToString("N")[..12];
        await app.CreateUserAsync(name);
        var path = $"/users/{name}/inbox";
        var id = Guid.NewGuid().ToString("N");
        var json = remote.CreateNote(id, "Should not be kept");
        using var stranger = RSA.Create(2048);
        var request = refusal switch
        {
            "unsigned" => new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json) },
            "another key" => remote.SignedCavage(path, json, key: stranger),
            "thirteen hours old" => remote.SignedCavage(path, json, date: DateTimeOffset.UtcNow.AddHours(-13)),
            "digest of another body" => remote.SignedCavage(path, json, digest: "SHA-256=" + Convert.ToBase64String(SHA256.HashData("{}"u8.ToArray()))),
            "another actor" => remote.SignedCavage(path, json.Replace($"\"actor\":\"{remote.ActorId}\"", "\"actor\":\"http://127.0.0.1:1/users/someone\"", StringComparison.Ordinal)),
            "stale rfc9421" => remote.SignedRfc9421(path, json, DateTimeOffset.UtcNow.AddHours(-13)),
            _ => Tampered(remote.SignedCavage(path, json), json.Replace("Should not be kept", "Changed on the way", StringComparison.Ordinal)),
        };
        var response = await app.Api().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.InboxActivities.CountAsync(a => a.ActivityId.Contains(id))));
    }

    [Fact]
    public async Task AnInboxOfNobodyIsNotFoundAndABodyThatIsNoActivityIsABadRequest()
    {
        var json = remote.CreateNote(Guid.NewGuid().ToString("N"), "Lost");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().SendAsync(remote.SignedCavage("/users/nobodyatall/inbox", json))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().SendAsync(remote.SignedCavage("/inbox", "[1, 2, 3]"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().SendAsync(remote.SignedCavage("/inbox", "not json"))).StatusCode);
        // An activity id on another host than its actor's is not stored under that id.
        var foreign = json.Replace($"\"id\":\"{remote.ActorId}/statuses/", "\"id\":\"https://elsewhere.example/statuses/", StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().SendAsync(remote.SignedCavage("/inbox", foreign))).StatusCode);
    }

    private static HttpRequestMessage Tampered(HttpRequestMessage signed, string body)
    {
        var content = new StringContent(body);
        content.Headers.ContentType = signed.Content!.Headers.ContentType;
        signed.Content = content;
        return signed;
    }
}

public sealed class InboxSqliteTests(FederationSqliteApp app) : InboxTests(app), IClassFixture<FederationSqliteApp>;

public sealed class InboxPostgresTests(FederationPostgresApp app) : InboxTests(app), IClassFixture<FederationPostgresApp>;
