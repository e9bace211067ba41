using System.Globalization;
using System.Net;
using System.Text;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using netDumbster.smtp;

namespace Kindred.IntegrationTests.Events;

/// <summary>Reminders a day and an hour before, and follow-ups after (ADR 34): in-app and by e-mail in the member's
/// language, once only across runs, restarts and racing processes, and never for cancelled or no-longer-going.</summary>
public abstract class EventReminderTests(ReminderApp app)
{
    /// <summary>Now on the real clock, to the minute (event times are whole minutes).</summary>
    private static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, DateTimeKind.Utc);
    }

    private static FakeTimeProvider ClockAt(DateTime utc) => new(new DateTimeOffset(utc));

    private static Task<int> RunAsync(ReminderApp server, TimeProvider clock) =>
        server.WithServicesAsync(s => ActivatorUtilities.CreateInstance<EventReminderService>(s, clock).RunAsync());

    private List<MimeMessage> MailsTo(string username) =>
        (app.Smtp?.ReceivedEmail ?? [])
            .Where(m => m.ToAddresses.Any(a => a.Address == $"{username}@example.org"))
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .ToList();

    private async Task<List<string>> NotificationTypesAsync(string username)
    {
        var token = await app.TokenAsync(username);
        var json = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/notifications"), HttpStatusCode.OK);
        return json.EnumerateArray().Select(n => n.GetProperty("type").GetString()!).ToList();
    }

    [Fact]
    public async Task PeopleGoingGetADayAndAnHourReminderOnceEachInTheirLanguage()
    {
        var start = Now().AddDays(3);
        var clock = ClockAt(Now());
        var organizer = await app.CreateUserAsync("rem_org");
        var en = await app.CreateUserAsync("rem_en");
        var fr = await app.CreateUserAsync("rem_fr");
        var maybe = await app.CreateUserAsync("rem_maybe");
        var changed = await app.CreateUserAsync("rem_changed");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == fr.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Locale, "fr")));
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Garden day", start), clock);
        await EventFixtures.RsvpAsync(app, en.Id, ev.Id, RsvpResponse.Going, clock: clock);
        await EventFixtures.RsvpAsync(app, fr.Id, ev.Id, RsvpResponse.Going, clock: clock);
        await EventFixtures.RsvpAsync(app, maybe.Id, ev.Id, RsvpResponse.Maybe, clock: clock);
        await EventFixtures.RsvpAsync(app, changed.Id, ev.Id, RsvpResponse.Going, clock: clock);
        await EventFixtures.RsvpAsync(app, changed.Id, ev.Id, RsvpResponse.NotGoing, clock: clock);

        // Three days ahead: nothing is due.
        await RunAsync(app, clock);
        Assert.Empty(MailsTo("rem_en"));

        clock.SetUtcNow(start.AddHours(-23));
        await RunAsync(app, clock);
        var day = Assert.Single(MailsTo("rem_en"));
        Assert.Equal("Reminder: Garden day is tomorrow", day.Subject);
        Assert.Contains("12 Secret Lane", day.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/events/{ev.Id}", day.HtmlBody, StringComparison.Ordinal);
        var french = Assert.Single(MailsTo("rem_fr"));
        Assert.Equal("Rappel : Garden day, c'est demain", french.Subject);
        Assert.Contains("lang=\"fr\"", french.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(MailsTo("rem_maybe"));
        Assert.Empty(MailsTo("rem_changed"));
        Assert.Contains("pleroma:event_reminder", await NotificationTypesAsync("rem_en"));
        Assert.DoesNotContain("pleroma:event_reminder", await NotificationTypesAsync("rem_maybe"));

        // Again, and on a restarted server process on the same database: nothing new.
        await RunAsync(app, clock);
        await using (var restarted = new ReminderApp(app.Database, sameDatabaseAs: app))
        {
            await restarted.InitializeAsync();
            await RunAsync(restarted, clock);
        }
        Assert.Single(MailsTo("rem_en"));
        Assert.Single(MailsTo("rem_fr"));

        clock.SetUtcNow(start.AddMinutes(-50));
        await RunAsync(app, clock);
        await RunAsync(app, clock);
        var en2 = MailsTo("rem_en");
        Assert.Equal(2, en2.Count);
        Assert.Contains(en2, m => m.Subject == "Reminder: Garden day starts soon");
        Assert.Contains(MailsTo("rem_fr"), m => m.Subject == "Rappel : Garden day commence bientôt");
        Assert.Equal(2, (await NotificationTypesAsync("rem_en")).Count(t => t == "pleroma:event_reminder"));
        Assert.Empty(MailsTo("rem_changed"));
        Assert.Equal(4, await app.WithDbAsync(db => db.EventReminderSends.CountAsync(s => s.EventId == ev.Id && s.SentAt != null)));
    }

    [Fact]
    public async Task SomeoneWhoAnswersAnHourBeforeGetsOneReminderNotTwo()
    {
        var start = Now().AddMinutes(40);
        var clock = ClockAt(Now());
        var organizer = await app.CreateUserAsync("rem_late_org");
        var late = await app.CreateUserAsync("rem_late");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Late walk", start), clock);
        await EventFixtures.RsvpAsync(app, late.Id, ev.Id, RsvpResponse.Going, clock: clock);
        await RunAsync(app, clock);
        await RunAsync(app, clock);
        Assert.Equal("Reminder: Late walk starts soon", Assert.Single(MailsTo("rem_late")).Subject);
    }

    [Fact]
    public async Task AReminderTheMailServerRefusedIsSentOnTheNextRunAndOnlyOnce()
    {
        var start = Now().AddDays(2);
        var clock = ClockAt(Now());
        var organizer = await app.CreateUserAsync("rem_retry_org");
        var guest = await app.CreateUserAsync("rem_retry");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Retry picnic", start), clock);
        await EventFixtures.RsvpAsync(app, guest.Id, ev.Id, RsvpResponse.Going, clock: clock);
        clock.SetUtcNow(start.AddHours(-20));

        app.Smtp!.Stop();
        try
        {
            await RunAsync(app, clock);
            var row = await app.WithDbAsync(db => db.EventReminderSends.SingleAsync(s => s.EventId == ev.Id && s.AccountId == guest.Id));
            Assert.Null(row.SentAt);
            Assert.Equal(1, row.MailAttempts);
            // The notification came with the claim and is not repeated by the retry.
            Assert.Single(await NotificationTypesAsync("rem_retry"), t => t == "pleroma:event_reminder");
        }
        finally
        {
            app.Smtp.Dispose();
            app.Smtp = SimpleSmtpServer.Start(app.SmtpPort);
        }

        // The next run (here two racing processes) sends it once; later runs leave it alone.
        await using var second = new ReminderApp(app.Database, sameDatabaseAs: app);
        await second.InitializeAsync();
        // Not before the retry delay: a send may still be under way.
        clock.Advance(TimeSpan.FromMinutes(2));
        await RunAsync(app, clock);
        Assert.Empty(MailsTo("rem_retry"));
        clock.Advance(EventReminderService.RetryAfter);
        await Task.WhenAll(RunAsync(app, clock), RunAsync(second, clock));
        await RunAsync(app, clock);
        Assert.Equal("Reminder: Retry picnic is tomorrow", Assert.Single(MailsTo("rem_retry")).Subject);
        Assert.NotNull(await app.WithDbAsync(db => db.EventReminderSends.Where(s => s.EventId == ev.Id && s.AccountId == guest.Id).Select(s => s.SentAt).SingleAsync()));
        Assert.Single(await NotificationTypesAsync("rem_retry"), t => t == "pleroma:event_reminder");
    }

    [Fact]
    public async Task TwoProcessesRacingSendEachReminderOnce()
    {
        var start = Now().AddDays(2);
        var clock = ClockAt(Now());
        var organizer = await app.CreateUserAsync("rem_race_org");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Race night", start), clock);
        var names = Enumerable.Range(0, 6).Select(i => $"rem_race_{i}").ToList();
        foreach (var name in names)
        {
            var user = await app.CreateUserAsync(name);
            await EventFixtures.RsvpAsync(app, user.Id, ev.Id, RsvpResponse.Going, clock: clock);
        }
        await using var second = new ReminderApp(app.Database, sameDatabaseAs: app);
        await second.InitializeAsync();
        clock.SetUtcNow(start.AddHours(-20));

        await Task.WhenAll(RunAsync(app, clock), RunAsync(second, clock), RunAsync(app, clock), RunAsync(second, clock));
        Assert.All(names, name => Assert.Single(MailsTo(name)));
        Assert.Equal(6, await app.WithDbAsync(db => db.EventReminderSends.CountAsync(s => s.EventId == ev.Id)));
    }

    [Fact]
    public async Task CancelledEventsAndCancelledOccurrencesGetNoReminders()
    {
        var start = Now().AddDays(2);
        var clock = ClockAt(Now());
        var organizer = await app.CreateUserAsync("rem_cx_org");
        var member = await app.CreateUserAsync("rem_cx");
        var once = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Called off", start), clock);
        var weekly = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Weekly, not this week", start.AddHours(3), recurrence: "FREQ=WEEKLY"), clock);
        await EventFixtures.RsvpAsync(app, member.Id, once.Id, RsvpResponse.Going, clock: clock);
        await EventFixtures.RsvpAsync(app, member.Id, weekly.Id, RsvpResponse.Going, start.AddHours(3), clock);

        await EventFixtures.CancelAsync(app, organizer.Id, once.Id, clock);
        await EventFixtures.CancelOccurrenceAsync(app, organizer.Id, weekly.Id, start.AddHours(3), clock);

        clock.SetUtcNow(start.AddHours(-20));
        await RunAsync(app, clock);
        clock.SetUtcNow(start.AddMinutes(-30));
        await RunAsync(app, clock);
        clock.SetUtcNow(start.AddHours(2).AddMinutes(40));
        await RunAsync(app, clock);
        Assert.Empty(MailsTo("rem_cx"));
        Assert.DoesNotContain("pleroma:event_reminder", await NotificationTypesAsync("rem_cx"));
    }

    [Fact]
    public async Task AfterwardsAttendeesAreAskedForPhotosAndTheOrganizerToFollowUpOnce()
    {
        var start = Now().AddHours(3);
        var clock = ClockAt(Now());
        var organizer = await app.CreateUserAsync("rem_fu_org");
        var going = await app.CreateUserAsync("rem_fu_going");
        var maybe = await app.CreateUserAsync("rem_fu_maybe");
        var ev = await EventFixtures.CreateAsync(app, organizer.Id, EventFixtures.InPerson("Beach clean", start), clock);
        await EventFixtures.RsvpAsync(app, going.Id, ev.Id, RsvpResponse.Going, clock: clock);
        await EventFixtures.RsvpAsync(app, maybe.Id, ev.Id, RsvpResponse.Maybe, clock: clock);

        // During the event (two hours long) and just after its end: no follow-up yet.
        clock.SetUtcNow(start.AddHours(2).AddMinutes(30));
        await RunAsync(app, clock);
        Assert.DoesNotContain(MailsTo("rem_fu_going"), m => m.Subject?.StartsWith("Thanks", StringComparison.Ordinal) == true);

        clock.SetUtcNow(start.AddHours(3).AddMinutes(1));
        await RunAsync(app, clock);
        await RunAsync(app, clock);
        var thanks = Assert.Single(MailsTo("rem_fu_going"), m => m.Subject == "Thanks for coming to Beach clean");
        Assert.Contains($"/events/{ev.Id}", thanks.TextBody, StringComparison.Ordinal);
        Assert.Contains("photos", thanks.TextBody, StringComparison.Ordinal);
        var host = Assert.Single(MailsTo("rem_fu_org"));
        Assert.Equal("How did Beach clean go?", host.Subject);
        Assert.Contains($"/events/{ev.Id}/attendees", host.TextBody, StringComparison.Ordinal);
        Assert.Empty(MailsTo("rem_fu_maybe"));
        Assert.Contains("event_followup", await NotificationTypesAsync("rem_fu_going"));
        Assert.Contains("event_followup", await NotificationTypesAsync("rem_fu_org"));
        Assert.NotNull(await app.WithDbAsync(db => db.EventOccurrences.Where(o => o.EventId == ev.Id).Select(o => o.FollowUpSentAt).SingleAsync()));

        // The notifications page says so and links the organizer to the attendee list.
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "rem_fu_org", KindredApp.Password);
        var page = await Html.GetAsync(browser, "/notifications");
        Assert.Contains($"/events/{ev.Id}/attendees", page, StringComparison.Ordinal);
        Assert.Contains("Beach clean is over", page, StringComparison.Ordinal);
    }
}

public sealed class EventReminderSqliteTests(ReminderSqliteApp app) : EventReminderTests(app), IClassFixture<ReminderSqliteApp>;

public sealed class EventReminderPostgresTests(ReminderPostgresApp app) : EventReminderTests(app), IClassFixture<ReminderPostgresApp>;
