using System.Net;
using System.Text;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon.Streaming;

/// <summary>The transport's bytes do not depend on the database, so one database is enough here.</summary>
public sealed class EventStreamHeartbeatTests(HeartbeatApp app) : IClassFixture<HeartbeatApp>
{
    [Fact]
    public async Task TheEventStreamOpensAndBeatsWithTheBytesOfMastodonsStreamingServer()
    {
        await app.CreateUserAsync("heartbeat");
        var token = await app.TokenAsync("heartbeat");
        using var response = await app.Api(token).GetAsync("/api/v1/streaming/user", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStreamAsync();
        using var timeout = new CancellationTokenSource(StreamClient.Patience);
        // ":)\n" then ":thump\n" for each beat: one newline each, no blank line (which ends an event in the SSE format).
        var expected = ":)\n:thump\n:thump\n";
        var bytes = new byte[Encoding.UTF8.GetByteCount(expected)];
        await body.ReadExactlyAsync(bytes, timeout.Token);
        Assert.Equal(expected, Encoding.UTF8.GetString(bytes));
    }
}
