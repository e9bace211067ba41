using Kindred.Data;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Shared;

/// <summary>The real server with a <see cref="QueryProbe"/> on every DbContext and a signed-in member (the nav then counts unread notifications).</summary>
public abstract class DbGateApp(DatabaseKind database) : KindredApp(database)
{
    public QueryProbe Probe { get; } = new();

    public HttpClient Member { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await CreateUserAsync("gate_member");
        Member = Browser();
        await Account.AccountFlowTests.SignInAsync(Member, "gate_member", Password);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<KindredDbContext>((_, options) => options.AddInterceptors(Probe)));
    }
}

public sealed class DbGateSqliteApp() : DbGateApp(DatabaseKind.Sqlite);

public sealed class DbGatePostgresApp() : DbGateApp(DatabaseKind.Postgres);
