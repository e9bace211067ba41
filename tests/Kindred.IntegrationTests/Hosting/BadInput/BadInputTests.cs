using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>
/// The generated bad-input suite (ADR 46). Every API operation of /openapi/v1.json (and every other non-page route
/// the server maps) and every web page the server maps, with its typed query parameters, gets generated bad requests
/// through the real pipeline, as a member and anonymously. None may answer 5xx, hang, write on a refusal, or log an
/// unhandled exception. KINDRED_BADINPUT_PER_OP sets the inputs per operation (CI default 24; long mode 1000) and
/// KINDRED_BADINPUT_SEED the seed, and KINDRED_BADINPUT_SHARD=k/n runs only every n-th operation from the k-th (0-based),
/// so the long mode can be run in pieces that each fit a session.
/// </summary>
public abstract class BadInputTests(BadInputApp app)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    public static int PerOperation => int.TryParse(Environment.GetEnvironmentVariable("KINDRED_BADINPUT_PER_OP"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 24;

    public static int Seed => int.TryParse(Environment.GetEnvironmentVariable("KINDRED_BADINPUT_SEED"), CultureInfo.InvariantCulture, out var n) ? n : 20261206;

    /// <summary>The operations this run takes: all of them, or one shard of KINDRED_BADINPUT_SHARD=k/n.</summary>
    public static List<Operation> Shard(List<Operation> operations)
    {
        var shard = Environment.GetEnvironmentVariable("KINDRED_BADINPUT_SHARD");
        if (string.IsNullOrEmpty(shard))
        {
            return operations;
        }
        var parts = shard.Split('/');
        if (parts.Length != 2 || !int.TryParse(parts[0], CultureInfo.InvariantCulture, out var k) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var n) || n < 1 || k < 0 || k >= n)
        {
            throw new InvalidOperationException($"KINDRED_BADINPUT_SHARD must be k/n with 0 <= k < n, not '{shard}'");
        }
        return [.. operations.Where((_, i) => i % n == k)];
    }

    [Fact]
    public async Task NoApiOperationAnswers5xxHangsWritesWhenItRefusesOrLogsAnUnhandledException()
    {
        var operations = await ApiOperationsAsync();
        Assert.True(operations.Count > 100, $"Only {operations.Count} API operations found");
        var report = await RunAsync(Shard(operations));
        Assert.True(report.Failures.Count == 0, report.Describe());
    }

    [Fact]
    public async Task NoWebPageAnswers5xxOrHangsOnGeneratedQueryValues()
    {
        var pages = WebPages();
        Assert.True(pages.Count > 40, $"Only {pages.Count} pages found");
        var report = await RunAsync(Shard(pages));
        Assert.True(report.Failures.Count == 0, report.Describe());
    }

    /// <summary>The operations the API document lists, plus every other route that is neither a page nor a static file
    /// (OAuth, form posts, feeds), so a route left out of the document is attacked too.</summary>
    private async Task<List<Operation>> ApiOperationsAsync()
    {
        var document = await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var operations = new Dictionary<string, Operation>(StringComparer.Ordinal);
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var method in path.Value.EnumerateObject())
            {
                var parameters = method.Value.TryGetProperty("parameters", out var list)
                    ? list.EnumerateArray().Select(p => p.GetProperty("name").GetString()!).ToList()
                    : [];
                if (method.Value.TryGetProperty("requestBody", out var body))
                {
                    parameters.AddRange(PropertyNames(body));
                }
                Add(operations, new Operation(method.Name.ToUpperInvariant(), path.Name, parameters, IsPage: false));
            }
        }
        foreach (var endpoint in Routes().Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is null))
        {
            var template = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET", "POST"])
            {
                Add(operations, new Operation(method, template, [], IsPage: false));
            }
        }
        return [.. operations.Values.Where(o => !LongLived(o.Template) && o.Method is not ("HEAD" or "OPTIONS"))];
    }

    /// <summary>Every routed page with the query parameters it declares, read from the running app.</summary>
    private List<Operation> WebPages() =>
        [.. Routes()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Select(e => new Operation("GET", "/" + e.RoutePattern.RawText!.TrimStart('/'), QueryParameters(e.Metadata.GetMetadata<ComponentTypeMetadata>()!.Type), IsPage: true))
            .DistinctBy(o => o.Template)];

    private IEnumerable<RouteEndpoint> Routes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is not null && !e.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor"));

    private static List<string> QueryParameters(Type page) =>
        [.. page.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(p => (p, a: p.GetCustomAttribute<SupplyParameterFromQueryAttribute>()))
            .Where(x => x.a is not null)
            .Select(x => x.a!.Name ?? x.p.Name)];

    private static IEnumerable<string> PropertyNames(JsonElement element) =>
        element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().SelectMany(p => p.Name == "properties" && p.Value.ValueKind == JsonValueKind.Object
                ? p.Value.EnumerateObject().Select(x => x.Name).Concat(PropertyNames(p.Value))
                : PropertyNames(p.Value)),
            JsonValueKind.Array => element.EnumerateArray().SelectMany(PropertyNames),
            _ => [],
        };

    private static void Add(Dictionary<string, Operation> operations, Operation operation)
    {
        var key = operation.Method + " " + System.Text.RegularExpressions.Regex.Replace(operation.Template, @"\{[^}]*\}", "{}");
        if (!operations.TryGetValue(key, out var known) || known.Parameters.Count < operation.Parameters.Count)
        {
            operations[key] = operation;
        }
    }

    /// <summary>Streams stay open by design; their own tests (StreamingTests, LivePagesTests) cover their input.</summary>
    private static bool LongLived(string template) =>
        template.Contains("/streaming", StringComparison.Ordinal) || template.StartsWith("/live", StringComparison.Ordinal);

    private async Task<BadInputReport> RunAsync(List<Operation> operations)
    {
        var report = new BadInputReport(operations.Count, PerOperation);
        var member = app.Api(app.MemberToken);
        var anonymous = app.Api();
        app.Log.Drain();
        var before = await FingerprintAsync();
        var start = before;
        foreach (var operation in operations)
        {
            foreach (var bad in BadInputs.For(operation, PerOperation, Seed, app.ForeignIds))
            {
                var client = !bad.SignedIn ? anonymous : operation.IsPage ? app.MemberBrowser : member;
                int status;
                try
                {
                    using var timeout = new CancellationTokenSource(Timeout);
                    using var request = bad.ToRequest();
                    using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    status = (int)response.StatusCode;
                    if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
                    {
                        await response.Content.ReadAsByteArrayAsync(timeout.Token);
                    }
                }
                catch (OperationCanceledException)
                {
                    report.Fail(bad, "no answer within " + Timeout.TotalSeconds + " s");
                    continue;
                }
                report.Count(status);
                if (status >= 500)
                {
                    report.Fail(bad, $"answered {status}");
                }
                var logged = app.Log.Drain();
                foreach (var entry in logged.Where(e => e.Level >= LogLevel.Error || e.Exception is not null))
                {
                    report.Fail(bad, "logged " + entry);
                }
                // Measured after a refusal, and after an answer that may have written so the next refusal compares fresh
                // counts; pages never write, so a run of page answers costs one count at the end of each operation.
                if (status is >= 400 and < 500)
                {
                    var after = await FingerprintAsync();
                    if (after != before)
                    {
                        report.Fail(bad, $"answered {status} but wrote: {before} -> {after}");
                    }
                    before = after;
                }
                else if (!operation.IsPage && operation.Method != "GET")
                {
                    before = await FingerprintAsync();
                }
            }
            if (PerOperation >= 200)
            {
                // The long mode runs for an hour: show how far it got.
                Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {operation}: {report.Summary()}");
            }
        }
        if (operations.All(o => o.IsPage) && await FingerprintAsync() != start)
        {
            report.Fail(new BadCase("pages", "GET", "(all pages)", null, null, true), "reading pages wrote");
        }
        Console.WriteLine(report.Summary());
        return report;
    }

    /// <summary>Row counts of the tables requests write (not those background jobs fill, such as feeds and
    /// notifications), in one query so it can run around every request.</summary>
    private async Task<string> FingerprintAsync()
    {
        return await app.WithDbAsync(async db =>
        {
            fingerprintSql ??= "SELECT " + string.Join(", ", Fingerprinted.Select(t => $"(SELECT COUNT(*) FROM {Quote(db, t)})"));
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = fingerprintSql;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return string.Join(',', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture)));
        });
    }

    private static readonly Type[] Fingerprinted =
    [
        typeof(Account), typeof(AccountField), typeof(Follow), typeof(FollowRequest), typeof(Block), typeof(Mute), typeof(Status), typeof(Favourite),
        typeof(Bookmark), typeof(PollVote), typeof(MediaAttachment), typeof(AccountList), typeof(AccountListMember), typeof(Report), typeof(Group),
        typeof(GroupMembership), typeof(GroupMembershipRequest), typeof(Invitation), typeof(AidItem), typeof(AidResponse), typeof(AidMessage),
        typeof(Event), typeof(EventRsvp), typeof(Marker), typeof(UserSession),
    ];

    private string? fingerprintSql;

    private static string Quote(DbContext db, Type entity)
    {
        var type = db.Model.FindEntityType(entity)!;
        return type.GetSchema() is { } schema ? $"\"{schema}\".\"{type.GetTableName()}\"" : $"\"{type.GetTableName()}\"";
    }
}

public sealed class BadInputSqliteTests(BadInputSqliteApp app) : BadInputTests(app), IClassFixture<BadInputSqliteApp>;

public sealed class BadInputPostgresTests(BadInputPostgresApp app) : BadInputTests(app), IClassFixture<BadInputPostgresApp>;
