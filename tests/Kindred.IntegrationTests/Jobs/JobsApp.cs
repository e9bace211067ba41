using Kindred.Core.Jobs;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Jobs;

/// <summary>
/// A server whose own job runner is off and whose real recurring jobs are paused, with the test kinds of
/// <see cref="TestJobs"/>: the tests run <see cref="JobRunner"/> instances themselves on a clock they move.
/// </summary>
public class JobsApp : KindredApp
{
    public JobsApp(DatabaseKind database)
        : base(database)
    {
        Set("Kindred:Jobs:PollSeconds", "0");
        Set("Kindred:Jobs:Paused", "mail,jobs.cleanup,polls.expiry,digests.scan,events.reminders,aid.expiry,aid.matching,media.cleanup");
    }

    public TestJobs Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(Log);
            services.AddScoped<IJobHandler, TestJobs.Counting>();
            services.AddScoped<IJobHandler, TestJobs.Failing>();
            services.AddScoped<IJobHandler, TestJobs.Hanging>();
            services.AddScoped<IJobHandler, TestJobs.Recurring>();
        });
    }
}

public sealed class JobsSqliteApp() : JobsApp(DatabaseKind.Sqlite);

public sealed class JobsPostgresApp() : JobsApp(DatabaseKind.Postgres);
