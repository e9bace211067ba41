using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Core.Setup;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Infrastructure;

public enum DatabaseKind
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real server through the real pipeline, on a fresh SQLite file or a fresh PostgreSQL database of the shared
/// test cluster. One instance per test class (an xunit class fixture), so each class has its own database.
/// </summary>
public class KindredApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string OwnerPassword = "owner password 123";
    public const string Password = "member password 123";
    public const int TestPasswordRounds = 1_000;

    private readonly Dictionary<string, string?> settings = new(StringComparer.Ordinal);

    public KindredApp(DatabaseKind database)
    {
        Database = database;
        DataDirectory = Path.Combine(Path.GetTempPath(), "kindred-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        Set("Kindred:DataDirectory", DataDirectory);
        Set("Kindred:PublicUrl", "http://localhost");
        Set("Kindred:Registrations:Mode", "open");
        Set("Kindred:OAuth:AllowPasswordGrant", "true");
        Set("Logging:LogLevel:Default", "Warning");
        Set("Logging:Console:FormatterName", "simple");
        // Generous limits by default; the rate-limit tests set their own.
        Set("Kindred:RateLimits:SignInPerIp", "10000");
        Set("Kindred:RateLimits:SignInPerAccount", "10000");
        Set("Kindred:RateLimits:SignUpPerIp", "10000");
        Set("Kindred:RateLimits:EmailPerAddress", "10000");
        Set("Kindred:RateLimits:ApiPerToken", "10000");
        Set("Kindred:RateLimits:WebWritesPerAccount", "10000");
        // Every test client comes from one address: the stored sign-up throttle (ADR 73) is off unless a test sets it.
        Set("Kindred:Registrations:MaxPerIpPerHour", "0");
        // Queued mail goes out when a test says so (DeliverMailAsync), never on the job runner's timer behind its back.
        Set("Kindred:Jobs:Paused", "mail");
        // Instant e-mails are looked for when a test says so (InstantEmailService.RunAsync at a time it chooses).
        Set("Kindred:InstantEmail:Enabled", "false");
        // The insights snapshot is computed when a test asks (InsightsService.SnapshotAsync), not at every start.
        Set("Kindred:Insights:EverySeconds", "0");
        if (database == DatabaseKind.Postgres)
        {
            var name = "kindred_" + Guid.NewGuid().ToString("N")[..12];
            // The server creates the database itself when it migrates; the test only names it.
            Set("Kindred:Database:Provider", "postgres");
            Set("Kindred:Database:ConnectionString", PostgresCluster.Shared.ConnectionStringFor(name));
        }
    }

    public DatabaseKind Database { get; }
    public string DataDirectory { get; }
    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary>Where the test clients send requests: the in-memory test server's address, or a real port when a
    /// subclass runs the server on Kestrel.</summary>
    protected virtual Uri ClientBase => new("http://localhost");

    /// <summary>Whether passwords are hashed at <see cref="TestPasswordRounds"/> instead of the server's own count.</summary>
    protected virtual bool FewerPasswordRounds => true;

    /// <summary>Whether InitializeAsync runs setup (organization + owner "owner").</summary>
    protected virtual bool CompleteSetup => true;

    /// <summary>Sets a configuration value for the server; null removes an earlier one so the server's default applies.</summary>
    public void Set(string key, string? value)
    {
        if (value is null)
        {
            settings.Remove(key);
        }
        else
        {
            settings[key] = value;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // The environment an operator runs, not the factory's default Development.
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IStartupFilter, TestClientAddress>();
            // Each hash at the server's 210,000 PBKDF2 rounds costs ~0.1 s of CPU, and the suite makes thousands (every
            // member created, every password sign-in): the tests hash with the same algorithm at fewer rounds. The
            // hash records its rounds, so nothing else changes; PasswordStrengthTests checks the server's own count.
            if (FewerPasswordRounds)
            {
                services.Configure<PasswordHasherOptions>(o => o.IterationCount = TestPasswordRounds);
            }
        });
    }

    public virtual async Task InitializeAsync()
    {
        _ = Services;
        if (CompleteSetup)
        {
            await WithServicesAsync(s => s.GetRequiredService<SetupService>().CompleteAsync(
                new SetupRequest("Helping Hands", "Neighbours helping neighbours.", "en", "Lyon", "owner", "owner@example.org", OwnerPassword)));
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    public async Task<T> WithServicesAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Runs the due mail jobs, as the server's job runner would: sends every queued mail that is due.</summary>
    public Task<int> DeliverMailAsync() =>
        WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobRunner>(s).RunDueAsync([MailJob.Name]));

    public Task WithDbAsync(Func<KindredDbContext, Task> action) =>
        WithServicesAsync(async s =>
        {
            await action(s.GetRequiredService<KindredDbContext>());
            return true;
        });

    public Task<T> WithDbAsync<T>(Func<KindredDbContext, Task<T>> action) =>
        WithServicesAsync(s => action(s.GetRequiredService<KindredDbContext>()));

    public Task<User> CreateUserAsync(string username, UserRole role = UserRole.Member) =>
        WithServicesAsync(s => s.GetRequiredService<AccountService>().CreateUserAsync(new NewUser(username, $"{username}@example.org", Password, role)));

    /// <summary>A client that does not follow redirects and keeps cookies, like a browser without JavaScript.</summary>
    public HttpClient Browser(string? ip = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = ClientBase });
        if (ip is not null)
        {
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, ip);
        }
        return client;
    }

    public HttpClient Api(string? token = null, string? ip = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = ClientBase });
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (ip is not null)
        {
            client.DefaultRequestHeaders.Add(TestClientAddress.Header, ip);
        }
        return client;
    }

    public async Task<(string ClientId, string ClientSecret)> RegisterAppAsync(string scopes = "read write follow push", string redirect = "urn:ietf:wg:oauth:2.0:oob")
    {
        var response = await Api().PostAsJsonAsync("/api/v1/apps", new { client_name = "Test app", redirect_uris = redirect, scopes, website = "https://app.example" });
        var json = await Json(response, HttpStatusCode.OK);
        return (json.GetProperty("client_id").GetString()!, json.GetProperty("client_secret").GetString()!);
    }

    /// <summary>A user token through the password grant (enabled for tests; off by default in production).</summary>
    public async Task<string> TokenAsync(string username, string scopes = "read write follow push", string? password = null)
    {
        var (id, secret) = await RegisterAppAsync(scopes);
        var response = await Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["username"] = username,
            ["password"] = password ?? (username == "owner" ? OwnerPassword : Password),
            ["scope"] = scopes,
        }));
        var json = await Json(response, HttpStatusCode.OK);
        return json.GetProperty("access_token").GetString()!;
    }

    public async Task<string> AppTokenAsync(string scopes = "read write")
    {
        var (id, secret) = await RegisterAppAsync(scopes);
        var response = await Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["scope"] = scopes,
        }));
        var json = await Json(response, HttpStatusCode.OK);
        return json.GetProperty("access_token").GetString()!;
    }

    /// <summary>Posts a status through the API and returns it; fails the test unless the server answers 200.</summary>
    public async Task<JsonElement> PostStatusAsync(string token, string text, string visibility = "public", string? inReplyToId = null, string? spoilerText = null)
    {
        var fields = new Dictionary<string, string> { ["status"] = text, ["visibility"] = visibility };
        if (inReplyToId is not null)
        {
            fields["in_reply_to_id"] = inReplyToId;
        }
        if (spoilerText is not null)
        {
            fields["spoiler_text"] = spoilerText;
        }
        return await Json(await Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(fields)), HttpStatusCode.OK);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }
}

public sealed class SqliteApp() : KindredApp(DatabaseKind.Sqlite);

public sealed class PostgresApp() : KindredApp(DatabaseKind.Postgres);
