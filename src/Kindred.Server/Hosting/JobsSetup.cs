using Kindred.Core.Aid;
using Kindred.Core.Announcements;
using Kindred.Core.Common.Email;
using Kindred.Core.Digests;
using Kindred.Core.Events;
using Kindred.Core.Jobs;
using Kindred.Core.Media;
using Kindred.Core.Polls;
using Kindred.Data;
using Kindred.Data.Jobs;
using Kindred.Data.Postgres.Jobs;
using Kindred.Data.Sqlite.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Server.Hosting;

public static class JobsSetup
{
    /// <summary>What enqueues and runs jobs (ADR 49), for the server and the command line alike: a new kind of job is
    /// one more handler here.</summary>
    public static IServiceCollection AddKindredJobHandlers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JobsOptions>().Bind(configuration.GetSection(JobsOptions.Section));
        services.AddScoped<JobQueue>();
        services.AddScoped<JobQueries>();
        // How a process claims jobs is the job runner's one seam chosen by database.
        services.AddScoped<IJobClaims>(sp =>
        {
            var db = sp.GetRequiredService<KindredDbContext>();
            return db.Database.IsNpgsql() ? new PostgresJobClaims(db) : new SqliteJobClaims(db);
        });
        services.AddScoped<MailJob>();
        services.AddScoped<IJobHandler>(sp => sp.GetRequiredService<MailJob>());
        services.AddScoped<IJobHandler, JobCleanupJob>();
        services.AddScoped<IJobHandler, PollExpiryJob>();
        services.AddScoped<IJobHandler, DigestJob>();
        services.AddScoped<IJobHandler, EventReminderJob>();
        services.AddScoped<IJobHandler, AidExpiryJob>();
        services.AddScoped<IJobHandler, AidMatchingJob>();
        services.AddScoped<IJobHandler, MediaCleanupJob>();
        services.AddScoped<IJobHandler, AnnouncementMailJob>();
        return services;
    }

    /// <summary>The server's job runner (not the command line's): one hosted service that runs every kind of job.</summary>
    public static IHostApplicationBuilder AddKindredJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<JobRunner>();
        builder.Services.AddHostedService<JobRunnerService>();
        return builder;
    }
}
