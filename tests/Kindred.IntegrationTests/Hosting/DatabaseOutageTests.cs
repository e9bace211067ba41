using System.Net;
using System.Net.Sockets;
using Kindred.Core.Common;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kindred.IntegrationTests.Hosting;

/// <summary>
/// While the database cannot be reached, both front doors answer 503 with Retry-After, not 500 (issue 23, finding 9;
/// ADR 45). The outage is made by pointing this test's own server at a closed port (PostgreSQL) or an unreachable file
/// (SQLite) after it started; the shared test cluster is never touched. Readiness follows: 503 during, 200 after.
/// </summary>
public abstract class DatabaseOutageTests(KindredApp app)
{
    [Fact]
    public async Task WhileTheDatabaseIsUnreachablePagesAndTheApiAnswer503WithRetryAfter()
    {
        var token = await app.TokenAsync("owner", password: KindredApp.OwnerPassword);
        var options = app.Services.GetRequiredService<IOptions<KindredOptions>>().Value;
        var working = options.Database.ConnectionString;
        options.Database.ConnectionString = DeadConnectionString();
        try
        {
            foreach (var path in new[] { "/", "/events", "/community" })
            {
                var page = await app.Browser().GetAsync(path);
                Assert.True(page.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)page.StatusCode}");
                Assert.NotNull(page.Headers.RetryAfter);
            }
            foreach (var path in new[] { "/api/v1/timelines/public", "/api/v1/timelines/home" })
            {
                var answer = await app.Api(token).GetAsync(path);
                Assert.True(answer.StatusCode == HttpStatusCode.ServiceUnavailable, $"{path}: {(int)answer.StatusCode}");
                Assert.NotNull(answer.Headers.RetryAfter);
                Assert.Contains("\"error\"", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            // The load balancer takes the node out of rotation (ADR 93)...
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await app.Api().GetAsync("/health/ready")).StatusCode);
        }
        finally
        {
            options.Database.ConnectionString = working;
        }
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/timelines/home")).StatusCode);
        // ...and back once the database answers, without a restart.
        Assert.Equal(HttpStatusCode.OK, (await app.Api().GetAsync("/health/ready")).StatusCode);
    }

    private string DeadConnectionString()
    {
        if (app.Database == DatabaseKind.Sqlite)
        {
            return new SqliteConnectionStringBuilder { DataSource = Path.Combine(app.DataDirectory, "no-such-folder", "kindred.db"), Mode = SqliteOpenMode.ReadWrite }.ToString();
        }
        // A port that was free a moment ago: nothing listens there, so every connection is refused at once.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Database = "kindred", Username = "kindred", Timeout = 2, Pooling = false }.ToString();
    }
}

public sealed class DatabaseOutageSqliteTests(SqliteApp app) : DatabaseOutageTests(app), IClassFixture<SqliteApp>;

public sealed class DatabaseOutagePostgresTests(PostgresApp app) : DatabaseOutageTests(app), IClassFixture<PostgresApp>;
