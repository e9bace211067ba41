using System.Net;
using System.Text;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Mastodon;

public abstract class UnknownRouteTests(KindredApp app)
{
    private static int users;

    public static TheoryData<string, string> Unknown => new()
    {
        { "GET", "/api/v1/not_a_thing" },
        { "POST", "/api/v1/not_a_thing" },
        { "PUT", "/api/v1/not_a_thing/12" },
        { "PATCH", "/api/v2/not_a_thing" },
        { "DELETE", "/api/v9/not_a_thing/12/deeper" },
        { "GET", "/api/v1/not_a_thing.json" },
        { "GET", "/api" },
        // A known path with a verb it does not take is unknown too, as on Mastodon.
        { "DELETE", "/api/v1/instance" },
        { "PUT", "/api/v1/timelines/home" },
    };

    [Theory]
    [MemberData(nameof(Unknown))]
    public async Task AnUnknownApiRouteIsMastodonsJsonNotFoundForEveryVerb(string method, string path)
    {
        var username = "lost" + Interlocked.Increment(ref users).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.CreateUserAsync(username);
        foreach (var token in new string?[] { null, await app.TokenAsync(username) })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = new StringContent("{\"status\":\"hello\"}", Encoding.UTF8, "application/json");
            }
            var response = await app.Api(token).SendAsync(request);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var json = await KindredApp.Json(response, HttpStatusCode.NotFound);
            Assert.Equal("Record not found", json.GetProperty("error").GetString());
        }
    }

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "/api/v1/statuses", "application/json", "{\"status\": " },
        { "/api/v1/statuses", "application/json", "[\"status\"]" },
        { "/api/v1/statuses", "application/xml", "<status>hello</status>" },
        { "/api/v1/statuses", "multipart/form-data", "--x\r\nbroken" },
        { "/api/v1/statuses", "application/json", "{\"status\": {\"nested\": true}}" },
        { "/api/v2/filters", "application/json", "{\"title\": " },
        { "/api/v1/lists", "application/json", "{\"title\": [1, {\"a\": 2}]}" },
        { "/api/v1/apps", "multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name=\"client_name\"\r\n\r\nunfinished" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadBodyToAKnownRouteIsAJsonClientErrorWithAMessage(string path, string contentType, string body)
    {
        var username = "badbody" + Interlocked.Increment(ref users).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await app.CreateUserAsync(username);
        var token = await app.TokenAsync(username);
        var before = await app.WithDbAsync(db => Task.FromResult(db.Statuses.Count()));
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        var response = await app.Api(token).PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("error").GetString();
        Assert.False(string.IsNullOrWhiteSpace(error), text);
        Assert.Equal(before, await app.WithDbAsync(db => Task.FromResult(db.Statuses.Count())));
    }
}

public sealed class UnknownRouteSqliteTests(SqliteApp app) : UnknownRouteTests(app), IClassFixture<SqliteApp>;

public sealed class UnknownRoutePostgresTests(PostgresApp app) : UnknownRouteTests(app), IClassFixture<PostgresApp>;
