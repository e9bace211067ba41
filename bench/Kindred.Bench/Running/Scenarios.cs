using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kindred.Bench.Generation;

namespace Kindred.Bench.Running;

/// <summary>The requests each scenario sends (issue 6), against a running server with signed-in sample members.</summary>
public sealed class Scenarios(IReadOnlyList<Member> members, IReadOnlyList<string> statusIds, IReadOnlyList<(Member Member, string GroupId)> groupReaders)
{
    public static HttpRequestMessage Plaintext(Random _) => new(HttpMethod.Get, "/health");

    public HttpRequestMessage Home(Random random) => Api(HttpMethod.Get, "/api/v1/timelines/home?limit=20", Pick(random));

    public HttpRequestMessage WebHome(Random random)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", Pick(random).Cookie);
        return request;
    }

    /// <summary>A group's timeline, read by one of its members (so members-only and secret groups are measured too).</summary>
    public HttpRequestMessage Group(Random random)
    {
        var (member, groupId) = groupReaders[random.Next(groupReaders.Count)];
        return Api(HttpMethod.Get, $"/api/v1/timelines/group/{groupId}?limit=20", member);
    }

    public HttpRequestMessage Notifications(Random random) => Api(HttpMethod.Get, "/api/v1/notifications?limit=20", Pick(random));

    public HttpRequestMessage Search(Random random)
    {
        var words = Vocabulary.Words;
        var query = random.Next(3) == 0 ? $"{words[random.Next(words.Length)]} {words[random.Next(words.Length)]}" : words[random.Next(words.Length)];
        return Api(HttpMethod.Get, $"/api/v2/search?type=statuses&limit=20&q={Uri.EscapeDataString(query)}", Pick(random));
    }

    /// <summary>90 % reads and 10 % writes, in roughly the proportions of a member's session.</summary>
    public HttpRequestMessage Mixed(Random random)
    {
        var member = Pick(random);
        var roll = random.Next(100);
        return roll switch
        {
            < 40 => Home(random),
            < 55 => Notifications(random),
            < 70 => WebHome(random),
            < 80 => Api(HttpMethod.Get, $"/api/v1/accounts/{Pick(random).AccountId}/statuses?limit=20", member),
            < 90 => Api(HttpMethod.Get, $"/api/v1/statuses/{statusIds[random.Next(statusIds.Count)]}/context", member),
            < 95 => Post(member, Words(random, 12), "public"),
            _ => Api(HttpMethod.Post, $"/api/v1/statuses/{statusIds[random.Next(statusIds.Count)]}/favourite", member),
        };
    }

    /// <summary>
    /// The herald (5,000 followers) posts; watchers among its followers poll their home timelines until the post
    /// appears. Each observation is the time from sending the post to seeing it in one follower's timeline. The first
    /// <paramref name="warmupPosts"/> posts are made and watched the same way but not counted.
    /// </summary>
    public static async Task<Measurement> FanoutAsync(HttpClient http, ServerProcess server, Member herald, IReadOnlyList<Member> watchers, int warmupPosts, int posts, CancellationToken ct = default)
    {
        for (var i = 0; i < warmupPosts; i++)
        {
            await FanoutAsync(http, server, herald, watchers, 0, 1, ct);
        }
        var latencies = new List<double>();
        long errors = 0;
        double peakRss = 0;
        var clock = Stopwatch.StartNew();
        var postingTime = TimeSpan.Zero;
        for (var i = 0; i < posts; i++)
        {
            var sent = clock.Elapsed;
            using var response = await http.SendAsync(Post(herald, $"Fan-out check {i} #entraide", "public"), ct);
            postingTime += clock.Elapsed - sent;
            if (!response.IsSuccessStatusCode)
            {
                errors++;
                continue;
            }
            var id = (await response.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("id").GetString()!;
            var seen = await Task.WhenAll(watchers.Select(async watcher =>
            {
                while (clock.Elapsed - sent < TimeSpan.FromSeconds(10))
                {
                    using var poll = await http.SendAsync(Api(HttpMethod.Get, "/api/v1/timelines/home?limit=5", watcher), ct);
                    if (poll.IsSuccessStatusCode && (await poll.Content.ReadAsStringAsync(ct)).Contains($"\"id\":\"{id}\"", StringComparison.Ordinal))
                    {
                        return (clock.Elapsed - sent).TotalMilliseconds;
                    }
                    await Task.Delay(5, ct);
                }
                return double.NaN;
            }));
            errors += seen.Count(double.IsNaN);
            latencies.AddRange(seen.Where(s => !double.IsNaN(s)));
            peakRss = Math.Max(peakRss, server.ResidentMegabytes());
        }
        var measured = Measurement.From(latencies, errors, postingTime, peakRss);
        // rps here is posts per second of posting time (each post fans out to 5,000 feeds).
        return measured with { Requests = posts - errors };
    }

    /// <summary>Ids of recent public statuses, for the mixed scenario's context reads and favourites.</summary>
    public static async Task<IReadOnlyList<string>> RecentStatusIdsAsync(Uri address, Member member, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = address };
        using var response = await http.SendAsync(Api(HttpMethod.Get, "/api/v1/timelines/public?local=true&limit=40", member), ct);
        response.EnsureSuccessStatusCode();
        var statuses = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return statuses.EnumerateArray().Select(s => s.GetProperty("id").GetString()!).ToList();
    }

    /// <summary>Each sample member paired with each group they belong to (GET /api/v1/groups lists the caller's groups).</summary>
    public static async Task<IReadOnlyList<(Member Member, string GroupId)>> GroupReadersAsync(Uri address, IReadOnlyList<Member> members, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = address };
        var pairs = new List<(Member, string)>();
        foreach (var member in members)
        {
            using var response = await http.SendAsync(Api(HttpMethod.Get, "/api/v1/groups", member), ct);
            response.EnsureSuccessStatusCode();
            var groups = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            pairs.AddRange(groups.EnumerateArray().Select(g => (member, g.GetProperty("id").GetString()!)));
        }
        if (pairs.Count == 0)
        {
            throw new InvalidOperationException("None of the sample members belongs to a group; the group scenario has nothing to read.");
        }
        return pairs;
    }

    /// <summary>Usernames of some of the herald's followers (they watch for its posts in the fan-out scenario).</summary>
    public static async Task<IReadOnlyList<string>> HeraldFollowersAsync(Uri address, Member herald, int count, CancellationToken ct = default)
    {
        using var http = new HttpClient { BaseAddress = address };
        using var response = await http.SendAsync(Api(HttpMethod.Get, $"/api/v1/accounts/{herald.AccountId}/followers?limit=40", herald), ct);
        response.EnsureSuccessStatusCode();
        var accounts = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return accounts.EnumerateArray().Select(a => a.GetProperty("username").GetString()!).Take(count).ToList();
    }

    private Member Pick(Random random) => members[random.Next(members.Count)];

    private static string Words(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Vocabulary.Words[random.Next(Vocabulary.Words.Length)]));

    private static HttpRequestMessage Post(Member member, string text, string visibility)
    {
        var request = Api(HttpMethod.Post, "/api/v1/statuses", member);
        request.Content = JsonContent.Create(new Dictionary<string, string> { ["status"] = text, ["visibility"] = visibility });
        return request;
    }

    private static HttpRequestMessage Api(HttpMethod method, string path, Member member)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", member.Token);
        return request;
    }
}
