using System.Globalization;
using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Events;

/// <summary>
/// Repeat rules that never occur or cost too much to work out (issue 23, finding 3; ADR 45): refused with a 422 when they
/// come in, and survived by every page and API that reads events when one is already stored (older data).
/// </summary>
public abstract class BadRecurrenceTests(KindredApp app)
{
    private static int users;
    private static readonly DateTime Start = DateTime.UtcNow.Date.AddDays(9).AddHours(10);

    private static string Iso(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private async Task<(User User, string Token)> OrganizerAsync()
    {
        var name = "rr_org" + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name);
        return (user, await app.TokenAsync(name));
    }

    private static FormUrlEncodedContent Fields(string title, string? recurrence) => new(new Dictionary<string, string>
    {
        ["name"] = title,
        ["content"] = "Bring a dish.",
        ["start_time"] = Iso(Start),
        ["end_time"] = Iso(Start.AddHours(2)),
        ["time_zone"] = "Europe/London",
        ["place_name"] = "Community hall",
        ["address"] = "12 Secret Street",
        ["recurrence"] = recurrence ?? "",
    });

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31")]
    [InlineData("FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=SECONDLY")]
    [InlineData("FREQ=DAILY;BYHOUR=1,2,3,4,5,6,7,8,9,10,11,12")]
    [InlineData("FREQ=DAILY;COUNT=100000000")]
    [InlineData("FREQ=YEARLY;INTERVAL=100000")]
    [InlineData("FREQ=WEEKLY;UNTIL=20000101T000000Z")]
    public async Task ARuleThatNeverOccursOrCostsTooMuchIsA422AndWritesNothing(string rule)
    {
        var (_, token) = await OrganizerAsync();
        var title = "Never supper " + Guid.NewGuid().ToString("N")[..8];
        var response = await app.Api(token).PostAsync("/api/v1/pleroma/events", Fields(title, rule));
        var error = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        Assert.False(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Title == title)));
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.Text.Contains(title))));
    }

    [Fact]
    public async Task AnEditToARuleThatNeverOccursIsA422AndKeepsTheOldRule()
    {
        var (_, token) = await OrganizerAsync();
        var status = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/pleroma/events", Fields("Weekly supper", "FREQ=WEEKLY;COUNT=4")), HttpStatusCode.OK);
        var eventId = status.GetProperty("pleroma").GetProperty("event").GetProperty("kindred").GetProperty("id").GetString()!;
        var edit = new HttpRequestMessage(HttpMethod.Put, "/api/v1/pleroma/events/" + eventId)
        {
            Content = new FormUrlEncodedContent([new("recurrence", "FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31")]),
        };
        await KindredApp.Json(await app.Api(token).SendAsync(edit), HttpStatusCode.UnprocessableEntity);
        var id = long.Parse(eventId, CultureInfo.InvariantCulture);
        Assert.Equal("FREQ=WEEKLY;COUNT=4", await app.WithDbAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.Recurrence).SingleAsync()));
    }

    [Theory]
    [InlineData("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30")]
    [InlineData("FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31")]
    [InlineData("NOT A RULE AT ALL")]
    public async Task AStoredRuleThatNeverOccursBreaksNoPageAndTheEventCanStillBeFixedCancelledAndDeleted(string rule)
    {
        var (organizer, token) = await OrganizerAsync();
        var title = "Old supper " + Guid.NewGuid().ToString("N")[..8];
        var status = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/pleroma/events", Fields(title, "FREQ=WEEKLY")), HttpStatusCode.OK);
        var statusId = status.GetProperty("id").GetString()!;
        var eventId = status.GetProperty("pleroma").GetProperty("event").GetProperty("kindred").GetProperty("id").GetString()!;
        var id = long.Parse(eventId, CultureInfo.InvariantCulture);
        // Older data: a rule written before it was checked.
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Recurrence, rule)));

        var visitor = app.Browser();
        foreach (var path in new[] { "/", "/events", "/events/calendar", "/events/" + eventId, "/events/" + eventId + ".ics", "/events.ics", "/community", "/@" + organizer.UserName })
        {
            var page = await visitor.GetAsync(path);
            Assert.True(page.StatusCode == HttpStatusCode.OK, $"{path}: {(int)page.StatusCode}");
        }
        var api = app.Api(token);
        foreach (var path in new[] { "/api/v1/kindred/events", "/api/v1/kindred/events/" + eventId, "/api/v1/kindred/events/" + eventId + "/occurrences", "/api/v1/timelines/public", "/api/v1/timelines/home", "/api/v1/statuses/" + statusId })
        {
            var answer = await api.GetAsync(path);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
        }

        // The organizer can still open the edit page; saving it writes a rule that works.
        var browser = app.Browser("10.79.0." + (users % 250 + 1).ToString(CultureInfo.InvariantCulture));
        await Web.Account.AccountFlowTests.SignInAsync(browser, organizer.UserName!, KindredApp.Password);
        var editPage = await browser.GetAsync("/events/" + eventId + "/edit");
        Assert.Equal(HttpStatusCode.OK, editPage.StatusCode);
        var local = TimeZoneInfo.ConvertTimeFromUtc(Start, TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        var saved = await Html.PostFormAsync(browser, "/events/" + eventId + "/edit", "event-edit", new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Date"] = local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.StartTime"] = local.ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.EndTime"] = local.AddHours(2).ToString("HH:mm", CultureInfo.InvariantCulture),
            ["Input.TimeZone"] = "Europe/London",
            ["Input.Repeat"] = "Monthly",
            ["Input.Mode"] = "InPerson",
            ["Input.PlaceName"] = "Community hall",
            ["Input.Visibility"] = "Public",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var fixedRule = await app.WithDbAsync(db => db.Events.Where(e => e.Id == id).Select(e => e.Recurrence).SingleAsync());
        Assert.NotEqual(rule, fixedRule);

        // Put the bad rule back: cancelling and deleting commit and answer 200, never a 500 after the commit.
        await app.WithDbAsync(db => db.Events.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Recurrence, rule)));
        await KindredApp.Json(await api.PostAsync($"/api/v1/kindred/events/{eventId}/cancel", new FormUrlEncodedContent([])), HttpStatusCode.OK);
        Assert.True(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Id == id && e.CancelledAt != null)));
        var deleted = await api.DeleteAsync("/api/v1/statuses/" + statusId);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        foreach (var path in new[] { "/", "/events", "/community" })
        {
            Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync(path)).StatusCode);
        }
    }
}

public sealed class BadRecurrenceSqliteTests(SqliteApp app) : BadRecurrenceTests(app), IClassFixture<SqliteApp>;

public sealed class BadRecurrencePostgresTests(PostgresApp app) : BadRecurrenceTests(app), IClassFixture<PostgresApp>;
