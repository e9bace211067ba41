using Kindred.Core.Aid;
using Kindred.Core.Announcements;
using Kindred.Core.Common.Email;
using Kindred.Core.Deletion;
using Kindred.Core.Digests;
using Kindred.Core.Events;
using Kindred.Core.Exports;
using Kindred.Core.Federation;
using Kindred.Core.Insights;
using Kindred.Core.Jobs;
using Kindred.Core.Media;
using Kindred.Core.Notifications;
using Kindred.Core.Organizations;
using Kindred.Core.Peers;
using Kindred.Core.Polls;
using Kindred.Core.Push;
using Kindred.Core.Staff;
using Kindred.Core.Statuses;
using Kindred.Core.Timelines;
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
        services.AddJobHandler<MailJob>();
        services.AddJobHandler<JobCleanupJob>();
        services.AddJobHandler<PollExpiryJob>();
        services.AddJobHandler<DigestJob>();
        services.AddJobHandler<EventReminderJob>();
        services.AddJobHandler<AidExpiryJob>();
        services.AddJobHandler<AidMatchingJob>();
        services.AddJobHandler<MediaCleanupJob>();
        services.AddJobHandler<HomeFeedFanOutJob>();
        services.AddJobHandler<ApplicationAlertJob>();
        services.AddJobHandler<AnnouncementMailJob>();
        services.AddJobHandler<InstantEmailJob>();
        services.AddJobHandler<AnnouncementStreamJob>();
        services.AddJobHandler<InsightsJob>();
        services.AddJobHandler<InsightsReportJob>();
        services.AddJobHandler<AccountDeletionJob>();
        services.AddJobHandler<ExportJob>();
        services.AddJobHandler<ScheduledStatusJob>();
        services.AddJobHandler<PushFanOutJob>();
        services.AddJobHandler<PushSendJob>();
        services.AddJobHandler<InboxDispatchJob>();
        services.AddJobHandler<DeliveryJob>();
        // What the hourly cleanup deletes besides old jobs.
        services.AddScoped<IRowRetention, DigestSendRetention>();
        services.AddScoped<IRowRetention, EventReminderSendRetention>();
        services.AddScoped<IRowRetention, RetentionRule>();
        services.AddScoped<IRowRetention, ExportRetention>();
        return services;
    }

    /// <summary>One kind of job: the handler under its own type, which the runner resolves for each job of its kind
    /// (and no other handler), and among the <see cref="IJobHandler"/>s, which the runner lists once per process.</summary>
    public static IServiceCollection AddJobHandler<THandler>(this IServiceCollection services)
        where THandler : class, IJobHandler
    {
        services.AddScoped<THandler>();
        services.AddScoped<IJobHandler>(sp => sp.GetRequiredService<THandler>());
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
