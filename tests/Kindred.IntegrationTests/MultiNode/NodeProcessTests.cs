using System.Diagnostics;
using System.Net;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Three Kindred processes on one PostgreSQL database and one Redis, behind HAProxy configured from the documented
/// sample (issue 20, ADR 99): what a member relies on holds whichever process answers them. PostgreSQL only: several
/// nodes on one SQLite file is not a supported install.
/// </summary>
[Collection(NodeProcessCollection.Name)]
public sealed class NodeProcessTests(ThreeNodeProcesses nodes) : IClassFixture<ThreeNodeProcesses>
{
    [Fact]
    public async Task APostMadeThroughOneNodeReachesAWebSocketOnTheSecondAndALivePageOnTheThird()
    {
        await nodes.Seed.CreateUserAsync("np_author");
        await nodes.Seed.CreateUserAsync("np_reader");
        await nodes.Seed.FollowAsync("np_reader", "np_author");
        var (author, _, _) = await nodes.TokenAsync(0, "np_author");
        var (reader, _, _) = await nodes.TokenAsync(1, "np_reader");
        using var onB = nodes.Client(1);
        await using var socket = await NodeStreams.WebSocketAsync(onB.BaseAddress!, "stream=public:local", reader);
        using var browser = nodes.Client(2, cookies: new CookieContainer());
        await AccountFlowTests.SignInAsync(browser, "np_reader", KindredApp.Password);
        var (response, live) = await NodeStreams.LivePageAsync(browser);
        using (response)
        {
            using var onA = nodes.Client(0, author);
            var id = (await NodeProcesses.PostStatusAsync(onA, "Posted through the first node")).GetProperty("id").GetString()!;

            var (name, kind, payload) = await socket.NextEventAsync();
            Assert.Equal("public:local", name);
            Assert.Equal("update", kind);
            Assert.Contains(id, payload, StringComparison.Ordinal);
            // The live page hears of the followed author's post (its id only, as the page asks no more).
            Assert.Contains($"\"id\":\"{id}\"", await NodeStreams.LineWithAsync(live, id), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StreamsOpenedThroughHaproxyStayOpenAndReceiveEvents()
    {
        await nodes.Seed.CreateUserAsync("np_proxy_author");
        await nodes.Seed.CreateUserAsync("np_proxy_reader");
        await nodes.Seed.FollowAsync("np_proxy_reader", "np_proxy_author");
        var (author, _, _) = await nodes.TokenAsync(0, "np_proxy_author");
        var (reader, _, _) = await nodes.TokenAsync(1, "np_proxy_reader");
        await using var socket = await NodeStreams.WebSocketAsync(new Uri(nodes.Proxy.Url), "stream=user", reader);
        using var browser = nodes.Client(null, cookies: new CookieContainer());
        await AccountFlowTests.SignInAsync(browser, "np_proxy_reader", KindredApp.Password);
        var (response, live) = await NodeStreams.LivePageAsync(browser);
        using (response)
        {
            using var api = nodes.Client(null, author);
            var id = (await NodeProcesses.PostStatusAsync(api, "Posted through the load balancer")).GetProperty("id").GetString()!;

            var (_, kind, payload) = await socket.NextEventAsync();
            Assert.Equal("update", kind);
            Assert.Contains(id, payload, StringComparison.Ordinal);
            // HAProxy passes the event stream on as it comes, not when the response ends.
            await NodeStreams.LineWithAsync(live, id);
        }
    }

    [Fact]
    public async Task ARateLimitSpentThroughOneNodeIsCountedOnTheOthers()
    {
        const string ip = "203.0.113.91";
        for (var i = 0; i < NodeProcesses.SignUpLimit; i++)
        {
            using var node = nodes.Client(i % 3, forwardedFor: ip);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await node.PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]))).StatusCode);
        }
        for (var i = 0; i < 3; i++)
        {
            using var node = nodes.Client(i, forwardedFor: ip);
            var refused = await node.PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        }
        // Another address keeps its own budget.
        using var other = nodes.Client(2, forwardedFor: "203.0.113.92");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await other.PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task APictureUploadedThroughOneNodeIsServedByEveryNodeAndThroughHaproxy()
    {
        await nodes.Seed.CreateUserAsync("np_picture");
        var (token, _, _) = await nodes.TokenAsync(0, "np_picture");
        using var onA = nodes.Client(0, token);
        var picture = TestImages.Png(90, 60);
        var form = new MultipartFormDataContent { { new ByteArrayContent(picture) { Headers = { ContentType = new("image/png") } }, "file", "p.png" } };
        var media = await KindredApp.Json(await onA.PostAsync("/api/v2/media", form), HttpStatusCode.OK);
        var path = new Uri(media.GetProperty("url").GetString()!).AbsolutePath;

        // No node keeps it on its own disk: A, B, C and whichever nodes HAProxy picks serve the same picture from the store.
        byte[]? first = null;
        foreach (var index in new int?[] { 0, 1, 2, null, null })
        {
            using var reader = nodes.Client(index);
            using var answer = await reader.GetAsync(path);
            var where = index?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "HAProxy";
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode} from {where}");
            Assert.StartsWith("image/", answer.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            first ??= bytes;
            Assert.True(bytes.Length > 0 && bytes.AsSpan().SequenceEqual(first), $"{where} served other bytes");
        }
        var onDisk = Directory.EnumerateDirectories(nodes.Seed.DataDirectory, "node-*")
            .Select(node => Path.Combine(node, "media"))
            .Where(Directory.Exists)
            .SelectMany(media => Directory.EnumerateFiles(media, "*", SearchOption.AllDirectories));
        Assert.Empty(onDisk);
    }

    [Fact]
    public async Task ATokenRevokedOnOneNodeIsRefusedByTheOthersWithinASecond()
    {
        await nodes.Seed.CreateUserAsync("np_revoked");
        var (token, clientId, clientSecret) = await nodes.TokenAsync(0, "np_revoked");
        using var onA = nodes.Client(0, token);
        using var onC = nodes.Client(2, token);
        // Used on A and C first, so both keep the validated credential in memory (ADR 89).
        Assert.Equal(HttpStatusCode.OK, (await onA.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await onC.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);

        using var onB = nodes.Client(1);
        var revoke = await onB.PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_id"] = clientId,
            ["client_secret"] = clientSecret,
            ["token"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);

        var clock = Stopwatch.StartNew();
        foreach (var node in new[] { onA, onC })
        {
            HttpStatusCode status;
            do
            {
                status = (await node.GetAsync("/api/v1/accounts/verify_credentials")).StatusCode;
            }
            while (status == HttpStatusCode.OK && clock.Elapsed < TimeSpan.FromSeconds(1) && await Pause());
            Assert.Equal(HttpStatusCode.Unauthorized, status);
        }
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"Refused everywhere only after {clock.Elapsed}");
    }

    [Fact]
    public async Task ThroughHaproxyASignedInSessionWorksOnEveryNode()
    {
        await nodes.Seed.CreateUserAsync("np_session");
        using var browser = nodes.Client(null, cookies: new CookieContainer());
        // The form is read from one node and posted to the next: the antiforgery token and the session cookie are
        // protected with the keys in the database, so any node accepts what another issued.
        await AccountFlowTests.SignInAsync(browser, "np_session", KindredApp.Password);

        var answeredBy = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 9; i++)
        {
            var page = await browser.GetAsync("/settings/account");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("np_session", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            answeredBy.UnionWith(page.Headers.GetValues(HaproxyServer.NodeHeader));
        }
        Assert.Equal(3, answeredBy.Count);
    }

    /// <summary>A client of the nginx sample in front of the same nodes.</summary>
    private HttpClient ThroughNginx(string? token = null, CookieContainer? cookies = null)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = new Uri(nodes.Nginx.Url),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return client;
    }

    [Fact]
    public async Task ThroughNginxAWebSocketAndALivePageReceiveAPostMadeThroughNginx()
    {
        await nodes.Seed.CreateUserAsync("np_nginx_author");
        await nodes.Seed.CreateUserAsync("np_nginx_reader");
        await nodes.Seed.FollowAsync("np_nginx_reader", "np_nginx_author");
        var (author, _, _) = await nodes.TokenAsync(0, "np_nginx_author");
        var (reader, _, _) = await nodes.TokenAsync(1, "np_nginx_reader");
        // The sample's WebSocket upgrade ("map $http_upgrade") and its unbuffered event-stream locations.
        await using var socket = await NodeStreams.WebSocketAsync(new Uri(nodes.Nginx.Url), "stream=user", reader);
        using var browser = ThroughNginx(cookies: new CookieContainer());
        await AccountFlowTests.SignInAsync(browser, "np_nginx_reader", KindredApp.Password);
        var (response, live) = await NodeStreams.LivePageAsync(browser);
        using (response)
        {
            using var api = ThroughNginx(author);
            var id = (await NodeProcesses.PostStatusAsync(api, "Posted through nginx")).GetProperty("id").GetString()!;

            var (_, kind, payload) = await socket.NextEventAsync();
            Assert.Equal("update", kind);
            Assert.Contains(id, payload, StringComparison.Ordinal);
            // nginx passes the event stream on as it comes (proxy_buffering off), not when the response ends.
            await NodeStreams.LineWithAsync(live, id);
        }
    }

    [Fact]
    public async Task ThroughNginxASessionStartedThereWorksOnEveryNodeAndReadinessAnswers()
    {
        await nodes.Seed.CreateUserAsync("np_nginx_session");
        var cookies = new CookieContainer();
        using (var browser = ThroughNginx(cookies: cookies))
        {
            await AccountFlowTests.SignInAsync(browser, "np_nginx_session", KindredApp.Password);
            var page = await browser.GetAsync("/settings/account");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        // The cookie issued through nginx opens the member's settings on each node (ports do not part cookies).
        for (var index = 0; index < 3; index++)
        {
            using var node = nodes.Client(index, cookies: cookies);
            var page = await node.GetAsync("/settings/account");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.Contains("np_nginx_session", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The readiness the load balancer may ask answers through nginx too (open-source nginx only checks passively).
        using var probe = ThroughNginx();
        Assert.Equal(HttpStatusCode.OK, (await probe.GetAsync("/health/ready")).StatusCode);
        // The sample's plain-HTTP server sends everyone to HTTPS.
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{nodes.Nginx.RedirectPort}") };
        var redirect = await plain.GetAsync("/about");
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("https", redirect.Headers.Location?.Scheme);
        Assert.Equal("/about", redirect.Headers.Location?.AbsolutePath);
    }

    private static async Task<bool> Pause()
    {
        await Task.Delay(25);
        return true;
    }
}
