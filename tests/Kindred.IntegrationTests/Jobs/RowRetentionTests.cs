using Kindred.Core.Digests;
using Kindred.Core.Events;
using Kindred.Core.Jobs;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Events;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Jobs;

/// <summary>
/// The hourly cleanup deletes digest sends after <see cref="DigestSendRetention.Keep"/> and reminder sends once their
/// occurrence can no longer be picked for a reminder, a follow-up or a retry (ADR 62); it keeps every other row.
/// </summary>
public abstract class RowRetentionTests(KindredApp app)
{
    private Task<int> CleanupAsync() =>
        app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobCleanupJob>(s).RunAsync(null!, CancellationToken.None));

    [Fact]
    public async Task DigestSendsOlderThanTheKeepingTimeAreDeletedAndNewerOnesKept()
    {
        var member = await app.CreateUserAsync("ret_digest");
        var now = DateTime.UtcNow;
        DigestSend Send(TimeSpan age) => new()
        {
            Id = Snowflake.NewId(now - age),
            UserId = member.Id,
            PeriodStart = now - age - TimeSpan.FromDays(1),
            PeriodEnd = now - age,
            Outcome = DigestOutcome.Sent,
        };
        var old = Send(DigestSendRetention.Keep + TimeSpan.FromHours(1));
        var recent = Send(DigestSendRetention.Keep - TimeSpan.FromHours(1));
        await app.WithDbAsync(async db =>
        {
            db.DigestSends.AddRange(old, recent);
            await db.SaveChangesAsync();
        });

        await CleanupAsync();

        var left = await app.WithDbAsync(db => db.DigestSends.Where(d => d.UserId == member.Id).Select(d => d.Id).ToListAsync());
        Assert.Equal([recent.Id], left);
    }

    [Fact]
    public async Task ReminderSendsAreDeletedOnlyOnceTheirOccurrenceCanNoLongerBePickedAgain()
    {
        var organizer = await app.CreateUserAsync("ret_reminder");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Soup kitchen", DateTime.UtcNow.AddDays(2)));
        var needed = await app.WithServicesAsync(s => Task.FromResult(ActivatorUtilities.CreateInstance<EventReminderSendRetention>(s).Needed));
        // The rule covers the longest follow-up and its retries.
        Assert.True(needed > EventRules.MaxDuration + TimeSpan.FromDays(4));
        var now = DateTime.UtcNow;
        EventReminderSend Claim(DateTime occurrence, string kind) => new()
        {
            EventId = ev.Id,
            OccurrenceStartsAt = occurrence,
            AccountId = organizer.Id,
            Kind = kind,
            ClaimedAt = occurrence,
            SentAt = occurrence,
        };
        var gone = now - needed - TimeSpan.FromHours(1);
        var followUpStillPossible = now - needed + TimeSpan.FromHours(1);
        var coming = now.AddDays(1);
        await app.WithDbAsync(async db =>
        {
            db.EventReminderSends.AddRange(
                Claim(gone, EventReminderKind.Day), Claim(gone, EventReminderKind.FollowUp),
                Claim(followUpStillPossible, EventReminderKind.FollowUp), Claim(coming, EventReminderKind.Day));
            await db.SaveChangesAsync();
        });

        await CleanupAsync();

        var left = await app.WithDbAsync(db => db.EventReminderSends.Where(s => s.EventId == ev.Id)
            .OrderBy(s => s.OccurrenceStartsAt).Select(s => s.OccurrenceStartsAt).ToListAsync());
        Assert.Equal(2, left.Count);
        Assert.All(left, start => Assert.True(start > gone.AddMinutes(30)));
    }
}

public sealed class RowRetentionSqliteTests(SqliteApp app) : RowRetentionTests(app), IClassFixture<SqliteApp>;

public sealed class RowRetentionPostgresTests(PostgresApp app) : RowRetentionTests(app), IClassFixture<PostgresApp>;
