using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// Kindred as several processes (issue 20, ADR 99): the published server started <see cref="NodeCount"/> times with
/// <c>dotnet Kindred.Server.dll</c> on loopback ports, one PostgreSQL database of the shared test cluster, Debian's
/// redis-server and Debian's HAProxy in front with the documented sample configuration. Starting them is slow on two
/// cores, so one set serves a whole test class. <see cref="Seed"/> prepares the database before the nodes start.
/// </summary>
public abstract class NodeProcesses : IAsyncLifetime
{
    public const int SignUpLimit = 4;

    private readonly List<RunningServer> nodes = [];
    private PublishedServer? published;

    protected abstract int NodeCount { get; }

    /// <summary>Settings every node of this set has besides the common ones (as Kindred__Section__Key variables).</summary>
    protected virtual IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>();

    public RedisServer Redis { get; private set; } = null!;
    public NodeSeed Seed { get; private set; } = null!;
    public HaproxyServer Proxy { get; private set; } = null!;
    public IReadOnlyList<int> Ports { get; private set; } = [];
    public IReadOnlyList<RunningServer> Nodes => nodes;

    public virtual async Task InitializeAsync()
    {
        Redis = RedisServer.Start();
        var proxyPort = PublishedServer.FreePort();
        var database = PostgresCluster.Shared.ConnectionStringFor("kindred_procs_" + Guid.NewGuid().ToString("N")[..12]);
        var publishing = Task.Run(() => new PublishedServer());
        Seed = new NodeSeed(database, $"http://127.0.0.1:{proxyPort}");
        await Seed.InitializeAsync();
        published = await publishing;
        Ports = [.. Enumerable.Range(0, NodeCount).Select(_ => PublishedServer.FreePort())];
        foreach (var port in Ports)
        {
            nodes.Add(published.Start(Environment(port, database, proxyPort)));
        }
        await Task.WhenAll(nodes.Select(n => n.WaitForLineAsync("Kindred is ready at")));
        Proxy = await HaproxyServer.StartAsync(PublishedServer.RepositoryRoot(), proxyPort, Ports);
        // HAProxy sends traffic once its health checks on /health/ready have seen every node up.
        using var http = new HttpClient();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (seen.Count < NodeCount && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var answer = await http.GetAsync(Proxy.Url + "/health/ready");
                if (answer.StatusCode == HttpStatusCode.OK && answer.Headers.TryGetValues(HaproxyServer.NodeHeader, out var names))
                {
                    seen.UnionWith(names);
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        Assert.True(seen.Count == NodeCount, $"HAProxy reached {seen.Count} of {NodeCount} nodes:{System.Environment.NewLine}{string.Join(System.Environment.NewLine, Proxy.Lines)}");
    }

    private Dictionary<string, string> Environment(int port, string database, int proxyPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kindred__DataDirectory"] = Path.Combine(Seed.DataDirectory, "node-" + port.ToString(CultureInfo.InvariantCulture)),
            ["Kindred__PublicUrl"] = $"http://127.0.0.1:{proxyPort.ToString(CultureInfo.InvariantCulture)}",
            ["Kindred__Database__Provider"] = "postgres",
            ["Kindred__Database__ConnectionString"] = database,
            ["Kindred__Redis__ConnectionString"] = Redis.ConnectionString,
            ["Kindred__OAuth__AllowPasswordGrant"] = "true",
            ["Kindred__Registrations__Mode"] = "open",
            ["Kindred__Registrations__MaxPerIpPerHour"] = "0",
            ["Kindred__RateLimits__SignUpPerIp"] = SignUpLimit.ToString(CultureInfo.InvariantCulture),
            ["Kindred__RateLimits__SignInPerIp"] = "10000",
            ["Kindred__RateLimits__SignInPerAccount"] = "10000",
            ["Kindred__RateLimits__EmailPerAddress"] = "10000",
            ["Kindred__RateLimits__ApiPerToken"] = "10000",
            ["Kindred__RateLimits__WebWritesPerAccount"] = "10000",
            ["Kindred__InstantEmail__Enabled"] = "false",
            ["Kindred__Insights__EverySeconds"] = "0",
            // Request lines would drown the few a failing test prints.
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
        };
        foreach (var (key, value) in ExtraSettings)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>A client of node <paramref name="index"/> (0-based), or of HAProxy when null.</summary>
    public HttpClient Client(int? index, string? token = null, CookieContainer? cookies = null, string? forwardedFor = null)
    {
        var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = cookies is not null, CookieContainer = cookies ?? new CookieContainer() };
        var client = new HttpClient(handler)
        {
            BaseAddress = new Uri(index is { } i ? $"http://127.0.0.1:{Ports[i].ToString(CultureInfo.InvariantCulture)}" : Proxy.Url),
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (forwardedFor is not null)
        {
            // Loopback is a trusted proxy by default (Hosting/SecuritySetup), as HAProxy on the same machine is.
            client.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        }
        return client;
    }

    /// <summary>A member's token through the password grant on node <paramref name="index"/>, with the app's
    /// credentials (to revoke it later).</summary>
    public async Task<(string Token, string ClientId, string ClientSecret)> TokenAsync(int index, string username)
    {
        using var http = Client(index);
        var app = await KindredApp.Json(await http.PostAsync("/api/v1/apps", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["client_name"] = "Node test",
            ["redirect_uris"] = "urn:ietf:wg:oauth:2.0:oob",
            ["scopes"] = "read write follow push",
        })), HttpStatusCode.OK);
        var id = app.GetProperty("client_id").GetString()!;
        var secret = app.GetProperty("client_secret").GetString()!;
        var token = await KindredApp.Json(await http.PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["username"] = username,
            ["password"] = KindredApp.Password,
            ["scope"] = "read write follow push",
        })), HttpStatusCode.OK);
        return (token.GetProperty("access_token").GetString()!, id, secret);
    }

    public static async Task<JsonElement> PostStatusAsync(HttpClient client, string text)
    {
        var response = await client.PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = text, ["visibility"] = "public" }));
        return await KindredApp.Json(response, HttpStatusCode.OK);
    }

    public virtual async Task DisposeAsync()
    {
        Proxy?.Dispose();
        foreach (var node in nodes)
        {
            node.Dispose();
        }
        if (Seed is not null)
        {
            await ((IAsyncLifetime)Seed).DisposeAsync();
        }
        Redis?.Dispose();
        published?.Dispose();
    }
}
