using Kindred.Core.Insights;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Kindred.IntegrationTests.Insights.InsightsWorld;

namespace Kindred.IntegrationTests.Insights;

/// <summary>
/// Every insight figure computed exactly on a small fixed community over the first half of 2026, with a fake clock at
/// 1 July 2026: 26 members (5 founders, 11 brought by members in chains up to two deep, 5 invited by staff, 5 by open
/// sign-up), one staff member, two chapters, a reply, an event, one plain and one sensitive aid answer.
/// </summary>
public abstract class InsightsFiguresTests(KindredApp app)
{
    private static readonly DateTime From = Day(1, 1).Date;
    private static readonly DateTime To = Day(7, 1).Date;

    [Fact]
    public async Task EveryFigureOfAFixedCommunityIsComputedExactly()
    {
        var world = new InsightsWorld(app);
        await world.PersonAsync("st", Day(12, 1, 2025), role: UserRole.Staff);
        string[] founders = ["f1", "f2", "f3", "f4", "f5"];
        foreach (var f in founders)
        {
            await world.PersonAsync(f, Day(12, 10, 2025));
        }
        foreach (var (a, by) in new[] { ("a1", "f1"), ("a2", "f1"), ("a3", "f1"), ("a4", "f2"), ("a5", "f2"), ("a6", "f2") })
        {
            await world.PersonAsync(a, Day(1, 15), by);
        }
        for (var i = 1; i <= 5; i++)
        {
            await world.PersonAsync($"b{i}", Day(2, 10), "a1");
            await world.PersonAsync($"o{i}", Day(3, 10), "st");
            await world.PersonAsync($"p{i}", Day(4, 10));
        }
        for (var i = 0; i < 5; i++)
        {
            await world.FollowAsync(founders[i], founders[(i + 1) % 5], Day(1, 3));
        }
        foreach (var name in world.People.Keys.Where(n => n[0] is 'a' or 'b' or 'o' || n is "p1" or "p2" or "p3" or "p4").ToList())
        {
            await world.FollowAsync(name, "st", Day(4, 11));
        }
        foreach (var f in founders)
        {
            await world.PostAsync(f, Day(1, 5));
            await world.PostAsync(f, Day(2, 2));
        }
        for (var i = 1; i <= 6; i++)
        {
            await world.PostAsync($"a{i}", Day(1, 20), i == 1 ? "a2" : null);
            await world.PostAsync($"a{i}", Day(2, 20));
            await world.PostAsync($"a{i}", Day(4, 20));
        }
        var city = await world.GroupAsync("city", "City", null);
        await world.GroupAsync("north", "North", city, "f1", "f2", "a1");
        await world.GroupAsync("south", "South", city, "f3", "f4", "b1");
        foreach (var f in founders.Take(4))
        {
            await world.RequestAsync(f, Day(2, 2));
        }
        await world.RequestAsync("p1", Day(5, 1), helper: "p2", itemState: AidItemState.Fulfilled, firstResponse: Day(5, 1).AddHours(2), ended: Day(5, 3));
        await world.RequestAsync("p3", Day(5, 2), sensitive: true, helper: "p4");
        await world.EventAsync("st", Day(5, 10), 10, Day(5, 1), "o1", "o2", "o3", "o4", "o5");

        var clock = new FakeTimeProvider(new DateTimeOffset(To));
        var figures = await app.WithServicesAsync(s => new InsightsCalculator(s.GetRequiredService<KindredDbContext>(), clock).ComputeAsync(From, To));

        Assert.Equal(To, figures.ComputedAt);
        Assert.Equal("UTC", figures.TimeZone);

        // Growth.
        Assert.Equal(["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"], Table(figures, "growth-members").Rows.Select(r => r.Label));
        Assert.Equal([6, 5, 5, 5, 0, 0], Column(figures, "growth-members", 0));
        Assert.Equal([11, 16, 21, 26, 26, 26], Column(figures, "growth-members", 1));
        AssertSuppressed(Cell(figures, "growth-chapters", "North", 0));
        AssertSuppressed(Cell(figures, "growth-chapters", "South", 1));
        Assert.Equal(["North", "South"], Table(figures, "growth-chapters").Rows.Select(r => r.Label));
        Assert.Equal(26, Cell(figures, "growth-areas", "", 0).Value);
        Assert.Equal(21, Cell(figures, "growth-areas", "", 1).Value);
        Assert.Equal(11, Cell(figures, "growth-arrival", "Invited by a member", 0).Value);
        Assert.Equal(5, Cell(figures, "growth-arrival", "Invited by the organization", 0).Value);
        Assert.Equal(5, Cell(figures, "growth-arrival", "Open sign-up", 0).Value);
        Assert.Equal(11.0 / 21, Cell(figures, "growth-arrival", "Invited by a member", 1).Value!.Value, 9);
        Assert.Equal(11.0 / 21, Cell(figures, "growth-referral", "Share of new members brought by members", 0).Value!.Value, 9);
        Assert.Equal(2.2, Cell(figures, "growth-referral", "Referral coefficient (new members brought per member at the start)", 0).Value!.Value, 9);
        Assert.Equal(5, Cell(figures, "growth-referral", "New members at the end of a chain of two or more invitations", 0).Value);
        Assert.Equal(2, Cell(figures, "growth-referral", "Longest invitation chain", 0).Value);

        // Activity and retention.
        var weekly = Table(figures, "activity-weekly").Rows.ToDictionary(r => r.Label, r => r.Cells[0].Value);
        Assert.Equal("2025-12-29", Table(figures, "activity-weekly").Rows[0].Label);
        Assert.Equal(5, weekly["2026-01-05"]);
        Assert.Equal(6, weekly["2026-01-19"]);
        Assert.Equal(5, weekly["2026-02-02"]);
        Assert.Equal(6, weekly["2026-02-16"]);
        Assert.Equal(6, weekly["2026-04-20"]);
        Assert.Equal(9, weekly["2026-04-27"]);
        Assert.Equal(0, weekly["2026-03-02"]);
        Assert.Equal(27, weekly.Count);
        Assert.Equal([6, 1.0, 1.0, null], Table(figures, "activity-cohorts").Rows[0].Cells.Select(c => c.Value));
        Assert.Equal([5, 0.0, 0.0, null], Table(figures, "activity-cohorts").Rows[1].Cells.Select(c => c.Value));
        Assert.Equal([5, 1.0, null, null], Table(figures, "activity-cohorts").Rows[2].Cells.Select(c => c.Value));
        Assert.Equal([5, 0.0, null, null], Table(figures, "activity-cohorts").Rows[3].Cells.Select(c => c.Value));
        Assert.Equal([0, null, null, null], Table(figures, "activity-cohorts").Rows[4].Cells.Select(c => c.Value));

        // Interconnection: ties among members only; the staff member is the organization; the sensitive answer makes no tie.
        Assert.Equal(26, Cell(figures, "ties-summary", "Members", 0).Value);
        Assert.Equal(21, Cell(figures, "ties-summary", "Ties between members", 0).Value);
        Assert.Equal(42.0 / 26, Cell(figures, "ties-summary", "Ties per member (mean)", 0).Value!.Value, 9);
        Assert.Equal(1, Cell(figures, "ties-summary", "Ties per member (median)", 0).Value);
        Assert.Equal(12.0 / 26, Cell(figures, "ties-summary", "Share of members with at least two ties beyond the organization", 0).Value!.Value, 9);
        Assert.Equal(10, Cell(figures, "ties-summary", "Members connected only to the organization", 0).Value);
        AssertSuppressed(Cell(figures, "ties-summary", "Isolated members (no tie and inactive for 30 days)", 0));
        Assert.Equal(0, Cell(figures, "ties-summary", "Members in two or more chapters", 0).Value);
        Assert.Equal(11, Cell(figures, "ties-distribution", "0", 0).Value);
        AssertSuppressed(Cell(figures, "ties-distribution", "1", 0));
        AssertSuppressed(Cell(figures, "ties-distribution", "2", 0));
        Assert.Equal(10, Cell(figures, "ties-distribution", "3–5", 0).Value);
        Assert.Equal(0, Cell(figures, "ties-distribution", "6–10", 0).Value);
        AssertSuppressed(Cell(figures, "ties-bridges", "North – South", 0));
        var isolated = Table(figures, "ties-isolated");
        Assert.True(isolated.StaffOnly);
        Assert.Equal(["@p5"], isolated.Rows.Select(r => r.Label));
        Assert.Equal(81, isolated.Rows[0].Cells[0].Value);
        Assert.DoesNotContain(figures.ForFunder, t => t.Id == "ties-isolated");

        // Help.
        Assert.Equal(6, Cell(figures, "help-overall", "All requests", 0).Value);
        AssertSuppressed(Cell(figures, "help-overall", "All requests", 1));
        Assert.Equal(0, Cell(figures, "help-overall", "All requests", 2).Value);
        AssertSuppressed(Cell(figures, "help-overall", "All requests", 3));
        AssertSuppressed(Cell(figures, "help-overall", "All requests", 4));

        // Events.
        Assert.Equal(1, Cell(figures, "events-summary", "Occurrences held", 0).Value);
        Assert.Equal(5, Cell(figures, "events-summary", "Answers", 0).Value);
        Assert.Equal(5, Cell(figures, "events-summary", "Attended", 0).Value);
        Assert.Equal(0, Cell(figures, "events-summary", "Checked in", 0).Value);
        Assert.Equal(0.5, Cell(figures, "events-summary", "Fill rate (attended ÷ places, events with a capacity)", 0).Value);
        Assert.Equal(5, Cell(figures, "events-summary", "First-time attendees", 0).Value);
        Assert.Equal([1, 5, 5], Table(figures, "events-monthly").Rows.Single(r => r.Label == "2026-05").Cells.Select(c => c.Value));
    }

    private static InsightTable Table(InsightFigures figures, string id) => figures.Tables.Single(t => t.Id == id);

    private static InsightCell Cell(InsightFigures figures, string id, string row, int column) => Table(figures, id).Rows.Single(r => r.Label == row).Cells[column];

    private static IEnumerable<double?> Column(InsightFigures figures, string id, int column) => Table(figures, id).Rows.Select(r => r.Cells[column].Value);

    private static void AssertSuppressed(InsightCell cell)
    {
        Assert.True(cell.Suppressed);
        Assert.Null(cell.Value);
    }
}

public sealed class InsightsFiguresSqliteTests(SqliteApp app) : InsightsFiguresTests(app), IClassFixture<SqliteApp>;

public sealed class InsightsFiguresPostgresTests(PostgresApp app) : InsightsFiguresTests(app), IClassFixture<PostgresApp>;
