using Kindred.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kindred.IntegrationTests.Hosting.BadInput;

/// <summary>The real server with its log captured and the rate limits out of the way (thousands of requests from one token).</summary>
public abstract class BadInputApp : KindredApp
{
    protected BadInputApp(DatabaseKind database)
        : base(database)
    {
        foreach (var limit in new[] { "SignInPerIp", "SignInPerAccount", "SignUpPerIp", "EmailPerAddress", "ApiPerToken", "WebWritesPerAccount" })
        {
            Set("Kindred:RateLimits:" + limit, "1000000000");
        }
        // The one line a rejected request may log is Information; it is counted, not hidden.
        Set("Logging:LogLevel:Kindred.Errors", "Information");
    }

    public CapturedLog Log { get; } = new();

    /// <summary>A member's token: the attacker's point of view.</summary>
    public string MemberToken { get; private set; } = "";

    /// <summary>A signed-in browser of the same member, for the pages.</summary>
    public HttpClient MemberBrowser { get; private set; } = null!;

    /// <summary>Real ids of someone else's things (a public and a direct status, the account), mixed into the bad ids.</summary>
    public IReadOnlyList<string> ForeignIds { get; private set; } = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var victim = await CreateUserAsync("victim");
        await CreateUserAsync("mallory");
        MemberToken = await TokenAsync("mallory");
        var victimToken = await TokenAsync("victim");
        var open = await PostStatusAsync(victimToken, "A public post");
        var secret = await PostStatusAsync(victimToken, "@owner a direct message", "direct");
        ForeignIds = [open.GetProperty("id").GetString()!, secret.GetProperty("id").GetString()!, victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "victim"];
        MemberBrowser = Browser();
        await Web.Account.AccountFlowTests.SignInAsync(MemberBrowser, "mallory", Password);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddLogging(logging => logging.AddProvider(Log)));
    }
}

public sealed class BadInputSqliteApp() : BadInputApp(DatabaseKind.Sqlite);

public sealed class BadInputPostgresApp() : BadInputApp(DatabaseKind.Postgres);
