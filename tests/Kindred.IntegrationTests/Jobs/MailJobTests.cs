using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;

namespace Kindred.IntegrationTests.Jobs;

/// <summary>Outgoing mail as jobs (ADR 47, 49) on a clock the test moves: retries wait longer each time, then the mail is dead.</summary>
public abstract class MailJobTests(DigestApp app)
{
    [Fact]
    public async Task ARefusedMailIsRetriedLaterEachTimeThenDead()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runner = ActivatorUtilities.CreateInstance<JobRunner>(app.Services, (TimeProvider)clock);
        var max = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value.MaxAttempts;
        Task<int> RunAsync() => runner.RunDueAsync([MailJob.Name]);
        var id = await app.WithServicesAsync(async s =>
        {
            var mail = ActivatorUtilities.CreateInstance<MailJob>(s, ActivatorUtilities.CreateInstance<JobQueue>(s, (TimeProvider)clock))
                .Add("queue-retry@example.org", "Retry", "the link", "");
            await s.GetRequiredService<KindredDbContext>().SaveChangesAsync();
            return mail.Id;
        });
        Task<Job> RowAsync() => app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id));

        app.Smtp!.Stop();
        try
        {
            for (var attempt = 1; attempt <= max; attempt++)
            {
                Assert.Equal(0, await RunAsync());
                var row = await RowAsync();
                Assert.Equal(attempt, row.Attempts);
                Assert.NotNull(row.LastError);
                if (attempt == max)
                {
                    Assert.Equal(JobState.Dead, row.State);
                    break;
                }
                Assert.Equal(JobState.Pending, row.State);
                var expected = clock.GetUtcNow().UtcDateTime + runner.Backoff(attempt);
                Assert.InRange(row.RunAt, expected - TimeSpan.FromSeconds(1), expected + TimeSpan.FromSeconds(1));
                // Not due yet: nothing is tried.
                await RunAsync();
                Assert.Equal(attempt, (await RowAsync()).Attempts);
                clock.Advance(runner.Backoff(attempt));
            }
        }
        finally
        {
            app.Smtp.Dispose();
            app.Smtp = SimpleSmtpServer.Start(app.SmtpPort);
        }
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await RunAsync());
        Assert.Equal(max, (await RowAsync()).Attempts);
    }
}

public sealed class MailJobSqliteTests(DigestSqliteApp app) : MailJobTests(app), IClassFixture<DigestSqliteApp>;

public sealed class MailJobPostgresTests(DigestPostgresApp app) : MailJobTests(app), IClassFixture<DigestPostgresApp>;
