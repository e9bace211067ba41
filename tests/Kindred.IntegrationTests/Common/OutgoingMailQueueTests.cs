using Kindred.Core.Common.Email;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using netDumbster.smtp;

namespace Kindred.IntegrationTests.Common;

/// <summary>The outgoing-mail queue (ADR 47) on a clock the test moves: retries wait longer each time, then the mail fails for good.</summary>
public abstract class OutgoingMailQueueTests(DigestApp app)
{
    [Fact]
    public async Task ARefusedMailIsRetriedLaterEachTimeThenMarkedFailed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Task<int> RunAsync() => app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<OutgoingMailQueue>(s, (TimeProvider)clock).RunAsync());
        var id = await app.WithServicesAsync(async s =>
        {
            var mail = ActivatorUtilities.CreateInstance<OutgoingMailQueue>(s, (TimeProvider)clock).Add("queue-retry@example.org", "Retry", "the link", "");
            await s.GetRequiredService<KindredDbContext>().SaveChangesAsync();
            return mail.Id;
        });
        Task<OutgoingMail> RowAsync() => app.WithDbAsync(db => db.OutgoingMails.AsNoTracking().SingleAsync(m => m.Id == id));

        app.Smtp!.Stop();
        try
        {
            for (var attempt = 1; attempt <= OutgoingMailQueue.MaxAttempts; attempt++)
            {
                Assert.Equal(0, await RunAsync());
                var row = await RowAsync();
                Assert.Equal(attempt, row.Attempts);
                Assert.NotNull(row.Error);
                if (attempt == OutgoingMailQueue.MaxAttempts)
                {
                    Assert.Equal(OutgoingMailState.Failed, row.State);
                    Assert.Equal("", row.TextBody);
                    break;
                }
                Assert.Equal(OutgoingMailState.Pending, row.State);
                Assert.InRange(row.DueAt, clock.GetUtcNow().UtcDateTime + OutgoingMailQueue.Backoff(attempt) - TimeSpan.FromSeconds(1), clock.GetUtcNow().UtcDateTime + OutgoingMailQueue.Backoff(attempt));
                // Not due yet: nothing is tried.
                await RunAsync();
                Assert.Equal(attempt, (await RowAsync()).Attempts);
                clock.Advance(OutgoingMailQueue.Backoff(attempt));
            }
        }
        finally
        {
            app.Smtp.Dispose();
            app.Smtp = SimpleSmtpServer.Start(app.SmtpPort);
        }
        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await RunAsync());
        Assert.Equal(OutgoingMailQueue.MaxAttempts, (await RowAsync()).Attempts);
    }
}

public sealed class OutgoingMailQueueSqliteTests(DigestSqliteApp app) : OutgoingMailQueueTests(app), IClassFixture<DigestSqliteApp>;

public sealed class OutgoingMailQueuePostgresTests(DigestPostgresApp app) : OutgoingMailQueueTests(app), IClassFixture<DigestPostgresApp>;
