using System.Net;

namespace Kindred.IntegrationTests.Web.Shared;

/// <summary>
/// Blazor renders a status-code page by re-executing the request (an address no route matches) without tracking its
/// components' work (ADR 64), so the nav's unread-count query could outlive the response and the request's DbContext,
/// whose connection then went back to the pool while still reading. The request now ends only once the DbGate is
/// empty. The nav's query is held back, so one still running, or started, after the response ended is seen.
/// </summary>
public abstract class DbGateTests(DbGateApp app)
{
    [Theory]
    [InlineData("/aid/conversations/not-a-number", HttpStatusCode.NotFound)]
    [InlineData("/no-such-page", HttpStatusCode.NotFound)]
    [InlineData("/aid/conversations/1", HttpStatusCode.NotFound)]
    [InlineData("/", HttpStatusCode.OK)]
    public async Task NoQueryOfAPageRunsAfterItsResponseHasEnded(string path, HttpStatusCode status)
    {
        var before = app.Probe.Started;
        app.Probe.Delay = TimeSpan.FromMilliseconds(300);
        try
        {
            var response = await app.Member.GetAsync(path);
            var runningAtEnd = app.Probe.Open;
            var startedAtEnd = app.Probe.Started;
            await Task.Delay(TimeSpan.FromSeconds(1));

            Assert.Equal(status, response.StatusCode);
            Assert.True(runningAtEnd.Length == 0, "still running when the response ended: " + runningAtEnd);
            Assert.Equal(startedAtEnd, app.Probe.Started);
            Assert.True(startedAtEnd > before, "the nav did not count unread notifications");
        }
        finally
        {
            app.Probe.Delay = TimeSpan.Zero;
        }
    }
}

public sealed class DbGateSqliteTests(DbGateSqliteApp app) : DbGateTests(app), IClassFixture<DbGateSqliteApp>;

public sealed class DbGatePostgresTests(DbGatePostgresApp app) : DbGateTests(app), IClassFixture<DbGatePostgresApp>;
