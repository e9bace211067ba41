using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kindred.IntegrationTests.Infrastructure;

/// <summary>
/// Another fediverse server on the loopback (Kestrel on 127.0.0.1, a free port): it serves one actor in the shape a
/// Mastodon 4.3 server publishes it (captured and trimmed: context, endpoints, publicKey with owner) and signs
/// deliveries as that actor, both as Mastodon does (draft-cavage) and as RFC 9421 says, building the signed text
/// itself rather than through Kindred's code. Its inboxes (the actor's and the shared one) keep what Kindred delivers,
/// and it answers WebFinger for <c>acct:remote@{host}</c>, so Kindred can find it by handle.
/// </summary>
public sealed class RemoteActorServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private int actorFetches;

    private RemoteActorServer(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public RSA Key { get; } = RSA.Create(2048);

    public string BaseUrl { get; }

    public string ActorId => BaseUrl + "/users/remote";

    public string KeyId => ActorId + "#main-key";

    /// <summary>What Kindred delivered, in order: the inbox path, the Signature, Date, Digest and Host headers and the body.</summary>
    public ConcurrentQueue<ReceivedDelivery> Received { get; } = new();

    /// <summary>The handle Kindred's members find this actor by (host with the port).</summary>
    public string Handle => "remote@" + new Uri(BaseUrl).Authority;

    /// <summary>How many times the actor document was fetched (key fetches).</summary>
    public int ActorFetches => Volatile.Read(ref actorFetches);

    /// <summary>Whether the last actor fetch was signed (Kindred signs its fetches as its instance actor).</summary>
    public string? LastFetchSignature { get; private set; }

    public static async Task<RemoteActorServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var web = builder.Build();
        RemoteActorServer? server = null;
        web.MapGet("/users/remote", (HttpContext context) =>
        {
            Interlocked.Increment(ref server!.actorFetches);
            server.LastFetchSignature = context.Request.Headers["Signature"].ToString();
            return Results.Text(server.ActorJson(), "application/activity+json; charset=utf-8");
        });
        web.MapGet("/.well-known/webfinger", (string resource) =>
            resource == "acct:" + server!.Handle
                ? Results.Text($$"""{"subject":"acct:{{server.Handle}}","links":[{"rel":"self","type":"application/activity+json","href":"{{server.ActorId}}"}]}""",
                    "application/jrd+json; charset=utf-8")
                : Results.NotFound());
        async Task<IResult> ReceiveAsync(HttpContext context)
        {
            using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
            var body = await reader.ReadToEndAsync();
            var headers = context.Request.Headers;
            server!.Received.Enqueue(new ReceivedDelivery(context.Request.Path, headers["Signature"].ToString(), headers["Date"].ToString(),
                headers["Digest"].ToString(), headers.Host.ToString(), body));
            return Results.StatusCode(StatusCodes.Status202Accepted);
        }
        web.MapPost("/inbox", (Delegate)ReceiveAsync);
        web.MapPost("/users/remote/inbox", (Delegate)ReceiveAsync);
        await web.StartAsync();
        var address = web.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new RemoteActorServer(web, address.TrimEnd('/'));
        return server;
    }

    /// <summary>A Create of a public Note by the remote actor, as Mastodon sends it.</summary>
    public string CreateNote(string id, string text) => $$"""
        {"@context":["https://www.w3.org/ns/activitystreams",{"ostatus":"http://ostatus.org#","sensitive":"as:sensitive","toot":"http://joinmastodon.org/ns#"}],
         "id":"{{ActorId}}/statuses/{{id}}/activity","type":"Create","actor":"{{ActorId}}","published":"2026-12-07T10:00:00Z",
         "to":["https://www.w3.org/ns/activitystreams#Public"],"cc":["{{ActorId}}/followers"],
         "object":{"id":"{{ActorId}}/statuses/{{id}}","type":"Note","summary":null,"inReplyTo":null,"published":"2026-12-07T10:00:00Z",
           "url":"{{BaseUrl}}/@remote/{{id}}","attributedTo":"{{ActorId}}","to":["https://www.w3.org/ns/activitystreams#Public"],
           "cc":["{{ActorId}}/followers"],"sensitive":false,"content":"<p>{{text}}</p>","attachment":[],"tag":[]} }
        """;

    /// <summary>A delivery to <paramref name="path"/> on Kindred (host "localhost" in tests) signed Mastodon's way.</summary>
    public HttpRequestMessage SignedCavage(string path, string json, DateTimeOffset? date = null, string? digest = null, RSA? key = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var when = (date ?? DateTimeOffset.UtcNow).ToString("r", CultureInfo.InvariantCulture);
        var bodyDigest = digest ?? "SHA-256=" + Convert.ToBase64String(SHA256.HashData(body));
        var text = $"(request-target): post {path}\nhost: localhost\ndate: {when}\ndigest: {bodyDigest}";
        var signature = Convert.ToBase64String((key ?? Key).SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/activity+json");
        request.Headers.Host = "localhost";
        request.Headers.TryAddWithoutValidation("Date", when);
        request.Headers.TryAddWithoutValidation("Digest", bodyDigest);
        request.Headers.TryAddWithoutValidation("Signature",
            $"keyId=\"{KeyId}\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date digest\",signature=\"{signature}\"");
        return request;
    }

    /// <summary>The same delivery signed per RFC 9421 with an RFC 9530 Content-Digest.</summary>
    public HttpRequestMessage SignedRfc9421(string path, string json, DateTimeOffset? created = null)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var digest = "sha-256=:" + Convert.ToBase64String(SHA256.HashData(body)) + ":";
        var at = (created ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var parameters = $"(\"@method\" \"@target-uri\" \"content-digest\");created={at};keyid=\"{KeyId}\";alg=\"rsa-v1_5-sha256\"";
        var text = $"\"@method\": POST\n\"@target-uri\": http://localhost{path}\n\"content-digest\": {digest}\n\"@signature-params\": {parameters}";
        var signature = Convert.ToBase64String(Key.SignData(Encoding.UTF8.GetBytes(text), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/activity+json");
        request.Headers.Host = "localhost";
        request.Headers.TryAddWithoutValidation("Content-Digest", digest);
        request.Headers.TryAddWithoutValidation("Signature-Input", "sig1=" + parameters);
        request.Headers.TryAddWithoutValidation("Signature", $"sig1=:{signature}:");
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        Key.Dispose();
    }

    private string ActorJson() => $$"""
        {"@context":["https://www.w3.org/ns/activitystreams","https://w3id.org/security/v1",
          {"manuallyApprovesFollowers":"as:manuallyApprovesFollowers","toot":"http://joinmastodon.org/ns#",
           "featured":{"@id":"toot:featured","@type":"@id"},"discoverable":"toot:discoverable","indexable":"toot:indexable"}],
         "id":"{{ActorId}}","type":"Person","following":"{{ActorId}}/following","followers":"{{ActorId}}/followers",
         "inbox":"{{ActorId}}/inbox","outbox":"{{ActorId}}/outbox","featured":"{{ActorId}}/collections/featured",
         "preferredUsername":"remote","name":"Remote Person","summary":"<p>Elsewhere on the fediverse.</p>",
         "url":"{{BaseUrl}}/@remote","manuallyApprovesFollowers":false,"discoverable":true,"indexable":false,
         "published":"2023-04-01T00:00:00Z","memorial":false,
         "publicKey":{"id":"{{KeyId}}","owner":"{{ActorId}}","publicKeyPem":{{System.Text.Json.JsonSerializer.Serialize(Key.ExportSubjectPublicKeyInfoPem())}} },
         "tag":[],"attachment":[],"endpoints":{"sharedInbox":"{{BaseUrl}}/inbox"} }
        """;
}
