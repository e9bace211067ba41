using System.Collections.Concurrent;
using System.Net;
using Kindred.Core.Accounts;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.Server.Hosting.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.MultiNode;

/// <summary>
/// What a member of a multi-node install relies on (ADR 93, 94): whichever node a request lands on, they see the same
/// community live, spend one rate-limit budget, lose a revoked credential everywhere at once, and get ids nobody else has.
/// PostgreSQL only: several nodes on one SQLite file is not a supported install.
/// </summary>
public sealed class MultiNodeTests(MultiNodes nodes) : IClassFixture<MultiNodes>
{
    private MultiNodeApp A => nodes.A;
    private MultiNodeApp B => nodes.B;

    private async Task<string> MemberAsync(string name)
    {
        await A.CreateUserAsync(name);
        return await A.TokenAsync(name);
    }

    [Fact]
    public async Task APostMadeOnOneNodeReachesAStreamOpenOnTheOther()
    {
        var author = await MemberAsync("nodes_author");
        var reader = await MemberAsync("nodes_reader");
        await using var stream = await StreamClient.ConnectAsync(B, "?stream=public:local", reader);

        var status = await A.PostStatusAsync(author, "Posted through node A");

        var (name, kind, payload) = await stream.NextEventAsync();
        Assert.Equal("public:local", name);
        Assert.Equal("update", kind);
        Assert.Contains(status.GetProperty("id").GetString()!, payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATokenRevokedOnOneNodeIsRefusedByTheOtherWithinASecond()
    {
        var token = await MemberAsync("nodes_revoked");
        var user = await A.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "nodes_revoked")));
        // Used on A first, so A keeps the validated credential in memory (ADR 89).
        var before = await A.Api(token).GetAsync("/api/v1/accounts/verify_credentials");
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        await B.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AccountAccess>().EndAllAsync(user.Id, AccessEndReason.SignOutEverywhere);
            return true;
        });

        var refusedAfter = System.Diagnostics.Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await A.Api(token).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode;
        }
        while (status == HttpStatusCode.OK && refusedAfter.Elapsed < TimeSpan.FromSeconds(1) && await Delay());
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(refusedAfter.Elapsed < TimeSpan.FromSeconds(1), $"Refused only after {refusedAfter.Elapsed}");
    }

    [Fact]
    public async Task ARateLimitSpentThroughOneNodeIsCountedOnTheOther()
    {
        const string ip = "203.0.113.71";
        for (var i = 0; i < MultiNodes.SignUpLimit; i++)
        {
            var node = i % 2 == 0 ? A : B;
            var response = await node.Api(ip: ip).PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
        // The budget is spent across both nodes: either one refuses the next attempt.
        Assert.Equal(HttpStatusCode.TooManyRequests, (await A.Api(ip: ip).PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]))).StatusCode);
        var refused = await B.Api(ip: ip).PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        // Another address has its own budget.
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await B.Api(ip: "203.0.113.72").PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task TheNodesHoldDifferentNumbersAndTheirIdsNeverCollide()
    {
        var numbers = new[] { A, B }.Select(n => n.Services.GetRequiredService<NodeLeaseService>().Node).ToList();
        Assert.All(numbers, n => Assert.NotNull(n));
        Assert.NotEqual(numbers[0], numbers[1]);

        var token = await MemberAsync("nodes_ids");
        var ids = new ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 40).Select(async i =>
        {
            var status = await (i % 2 == 0 ? A : B).PostStatusAsync(token, $"Post {i}");
            ids.Add(status.GetProperty("id").GetString()!);
        }));
        Assert.Equal(40, ids.Distinct().Count());
    }

    [Fact]
    public async Task WithRedisAwayANodeIsDegradedButServesAndStillLimitsThenRecovers()
    {
        Assert.Equal(HttpStatusCode.OK, (await A.Api().GetAsync("/health/ready")).StatusCode);
        nodes.Redis.Pause();
        try
        {
            var ready = await A.Api().GetAsync("/health/ready");
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());

            // Each node counts alone now, but never lets everything through.
            const string ip = "203.0.113.81";
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i <= MultiNodes.SignUpLimit; i++)
            {
                statuses.Add((await A.Api(ip: ip).PostAsync("/api/v1/accounts", new FormUrlEncodedContent([]))).StatusCode);
            }
            Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
            Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses[..^1]);

            // Pages still answer.
            Assert.Equal(HttpStatusCode.OK, (await A.Api().GetAsync("/api/v1/instance")).StatusCode);
        }
        finally
        {
            nodes.Redis.Resume();
        }
        await BothHealthyAsync();
    }

    /// <summary>Waits until both nodes are connected to Redis again: until then each counts rate limits alone, and a
    /// test run next would see the fallback.</summary>
    private async Task BothHealthyAsync()
    {
        foreach (var node in new[] { A, B })
        {
            var again = System.Diagnostics.Stopwatch.StartNew();
            string body;
            do
            {
                body = await (await node.Api().GetAsync("/health/ready")).Content.ReadAsStringAsync();
            }
            while (body != "Healthy" && again.Elapsed < TimeSpan.FromSeconds(20) && await Delay(200));
            Assert.Equal("Healthy", body);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AnEditAcknowledgedOnOneNodeIsShownByTheOtherAtOnceWithOrWithoutRedis(bool redis)
    {
        var suffix = redis ? "r" : "n";
        var author = await MemberAsync("nodes_edit_a" + suffix);
        var reader = await MemberAsync("nodes_edit_b" + suffix);
        var authorId = (await A.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.UserName == "nodes_edit_a" + suffix)))).Id;
        Assert.Equal(HttpStatusCode.OK, (await B.Api(reader).PostAsync($"/api/v1/accounts/{authorId}/follow", null)).StatusCode);
        var file = new ByteArrayContent(TestImages.Png(64, 48));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("image/png");
        var uploaded = await KindredApp.Json(await A.Api(author).PostAsync("/api/v2/media",
            new MultipartFormDataContent { { file, "file", "p.png" }, { new StringContent("described on A"), "description" } }), HttpStatusCode.OK);
        var image = uploaded.GetProperty("id").GetString()!;
        var posted = await KindredApp.Json(await A.Api(author).PostAsync("/api/v1/statuses",
            new FormUrlEncodedContent([new("status", "a picture"), new("media_ids[]", image)])), HttpStatusCode.OK);
        var id = posted.GetProperty("id").GetString()!;
        // Read on B first, so B keeps the post's parts (ADR 100).
        Assert.Equal("described on A", await DescriptionOnBAsync(reader, id));

        if (!redis)
        {
            nodes.Redis.Pause();
        }
        try
        {
            await KindredApp.Json(await A.Api(author).PutAsync($"/api/v1/statuses/{id}", new FormUrlEncodedContent([
                new("status", "a picture"), new("media_ids[]", image), new("media_attributes[][id]", image), new("media_attributes[][description]", "changed on A")])),
                HttpStatusCode.OK);

            // The very next read on B, with no wait: the row's version tells B its kept parts are older.
            Assert.Equal("changed on A", await DescriptionOnBAsync(reader, id));
        }
        finally
        {
            if (!redis)
            {
                nodes.Redis.Resume();
            }
        }
        await BothHealthyAsync();
    }

    private async Task<string?> DescriptionOnBAsync(string token, string id)
    {
        var home = await KindredApp.Json(await B.Api(token).GetAsync("/api/v1/timelines/home"), HttpStatusCode.OK);
        var status = home.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
        return status.GetProperty("media_attachments")[0].GetProperty("description").GetString();
    }

    private static async Task<bool> Delay(int milliseconds = 25)
    {
        await Task.Delay(milliseconds);
        return true;
    }
}
