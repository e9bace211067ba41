using Kindred.Core.Common;
using Kindred.Core.Inbox;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Inbox;

/// <summary>The inbox's response-time figures on a fixed small set (ADR 66), in a database of their own so nothing else
/// waits: weeks are the organization's (Paris, a Sunday-night message belongs to the week it is Monday in), the median
/// of an even count is the mean of the middle two, the 90th percentile is the nearest rank.</summary>
public abstract class InboxFiguresTests(StaffApp app)
{
    private static readonly DateTime Now = new(2026, 3, 18, 12, 0, 0, DateTimeKind.Utc);

    private static DateTime At(string utc) => DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);

    [Fact]
    public async Task TheFiguresAreExactOnAFixedSet()
    {
        await app.CreateUserAsync("if_writer");
        var staff = await app.CreateUserAsync("if_staff", UserRole.Staff);
        var token = await app.TokenAsync("if_writer");
        // Opened (UTC), first answer after, state, snoozed until.
        var set = new (string Opened, TimeSpan? Answer, InboxState State, string? Until)[]
        {
            ("2026-03-08T22:30:00Z", TimeSpan.FromMinutes(20), InboxState.Answered, null), // Sunday 23:30 in Paris: week of 2 March
            ("2026-03-09T08:00:00Z", TimeSpan.FromMinutes(10), InboxState.Answered, null),
            ("2026-03-10T08:00:00Z", TimeSpan.FromMinutes(30), InboxState.Answered, null),
            ("2026-03-11T08:00:00Z", TimeSpan.FromHours(2), InboxState.Answered, null),
            ("2026-03-12T08:00:00Z", null, InboxState.Open, null),
            ("2026-03-13T08:00:00Z", null, InboxState.Snoozed, "2026-03-18T11:00:00Z"), // its time has come: waiting
            ("2026-03-14T08:00:00Z", null, InboxState.Snoozed, "2026-03-19T11:00:00Z"), // still asleep
            ("2026-03-15T23:30:00Z", TimeSpan.FromHours(1), InboxState.Answered, null), // Monday 00:30 in Paris: week of 16 March
            ("2026-03-16T10:00:00Z", TimeSpan.FromHours(3), InboxState.Answered, null),
        };
        foreach (var (opened, answer, state, until) in set)
        {
            var status = await app.PostStatusAsync(token, "@helpinghands figures " + opened);
            var statusId = long.Parse(status.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
            await app.WithDbAsync(async db =>
            {
                var c = await db.InboxConversations.SingleAsync(c => c.FirstStatusId == statusId);
                c.OpenedAt = c.WaitingSince = c.LastMessageAt = At(opened);
                c.FirstAnsweredAt = answer is { } a ? At(opened) + a : null;
                c.State = state;
                c.SnoozedUntil = until is null ? null : At(until);
                await db.SaveChangesAsync();
            });
        }
        await app.WithDbAsync(async db =>
        {
            (await db.Organizations.SingleAsync()).TimeZone = "Europe/Paris";
            await db.SaveChangesAsync();
        });

        var figures = await app.WithServicesAsync(s =>
        {
            s.GetRequiredService<OrganizationSettings>().Invalidate();
            return ActivatorUtilities.CreateInstance<InboxQueries>(s, (TimeProvider)new FakeTimeProvider(new DateTimeOffset(Now))).FiguresAsync(staff.Id);
        });

        Assert.Equal(2, figures.Open);
        Assert.Equal(At("2026-03-12T08:00:00Z"), figures.OldestWaiting);
        Assert.Equal(InboxQueries.WeeksShown, figures.Weeks.Count);
        Assert.Equal(new DateOnly(2026, 3, 16), figures.Weeks[^1].Monday);
        var byWeek = figures.Weeks.ToDictionary(w => w.Monday);
        Assert.Equal(new InboxWeek(new DateOnly(2026, 3, 2), 1, 1, TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(20)), byWeek[new DateOnly(2026, 3, 2)]);
        Assert.Equal(new InboxWeek(new DateOnly(2026, 3, 9), 6, 3, TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)), byWeek[new DateOnly(2026, 3, 9)]);
        Assert.Equal(new InboxWeek(new DateOnly(2026, 3, 16), 2, 2, TimeSpan.FromHours(2), TimeSpan.FromHours(3)), byWeek[new DateOnly(2026, 3, 16)]);
        Assert.Equal(new InboxWeek(new DateOnly(2026, 2, 23), 0, 0, null, null), byWeek[new DateOnly(2026, 2, 23)]);
    }
}

public sealed class InboxFiguresSqliteTests(StaffSqliteApp app) : InboxFiguresTests(app), IClassFixture<StaffSqliteApp>;

public sealed class InboxFiguresPostgresTests(StaffPostgresApp app) : InboxFiguresTests(app), IClassFixture<StaffPostgresApp>;
