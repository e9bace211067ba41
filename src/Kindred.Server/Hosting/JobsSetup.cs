namespace Kindred.Server.Hosting;

public static class JobsSetup
{
    /// <summary>The server's background jobs (not the command line's): each does its work through a core service.</summary>
    public static IHostApplicationBuilder AddKindredJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<PollExpiryJob>();
        builder.Services.AddHostedService<DigestJob>();
        builder.Services.AddHostedService<EventReminderJob>();
        builder.Services.AddHostedService<AidExpiryJob>();
        builder.Services.AddHostedService<AidMatchingJob>();
        builder.Services.AddHostedService<OutgoingMailJob>();
        return builder;
    }
}
