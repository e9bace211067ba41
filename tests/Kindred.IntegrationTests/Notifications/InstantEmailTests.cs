using System.Net;
using Kindred.Core.Events;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Aid;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kindred.IntegrationTests.Notifications;

/// <summary>Instant e-mail for what matters (ADR 82): one mail per member per window, sent through the mail job to the
/// in-process SMTP server, with a one-click unsubscribe; mentions only while the member is away, never a blocked person,
/// never something the member may no longer see, never a private message quoted.</summary>
public abstract class InstantEmailTests(DigestApp app)
{
    /// <summary>A round now, then delivery.</summary>
    private async Task<int> RunAsync()
    {
        var queued = await app.WithServicesAsync(s => s.GetRequiredService<InstantEmailService>().RunAsync(DateTime.UtcNow));
        await app.DeliverMailAsync();
        return queued;
    }

    /// <summary>Four minutes pass for <paramref name="user"/>'s notifications and mark (the collecting window is three).</summary>
    private Task WaitAsync(User user) =>
        app.WithDbAsync(async db =>
        {
            foreach (var n in await db.Notifications.Where(n => n.AccountId == user.Id).ToListAsync())
            {
                n.CreatedAt = n.CreatedAt.AddMinutes(-4);
            }
            var row = await db.Users.SingleAsync(u => u.Id == user.Id);
            row.InstantEmailSentThrough = row.InstantEmailSentThrough?.AddMinutes(-4);
            await db.SaveChangesAsync();
        });

    private List<MimeMessage> MailsTo(User user) => app.DigestsTo(user.Email!).Where(m => m.Subject?.StartsWith("Something for you", StringComparison.Ordinal) == true).ToList();

    /// <summary>A member last seen two hours ago.</summary>
    private async Task<User> AwayAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, DateTime.UtcNow.AddHours(-2))));
        return user;
    }

    private Task SeenNowAsync(long userId) =>
        app.WithDbAsync(async db =>
        {
            db.UserSessions.Add(new UserSession { Id = Snowflake.NewId(DateTime.UtcNow), UserId = userId, CreatedAt = DateTime.UtcNow, LastSeenAt = DateTime.UtcNow, UserAgent = "test", IpAddress = "127.0.0.1" });
            await db.SaveChangesAsync();
        });

    private async Task<string> TokenOfAsync(string username)
    {
        await app.CreateUserAsync(username);
        return await app.TokenAsync(username);
    }

    [Fact]
    public async Task AnAwayMemberGetsOneMailForTheirMentionsAndPrivateMessagesWithoutTheirWords()
    {
        var alice = await AwayAsync("ie_alice");
        var bob = await TokenOfAsync("ie_bob");
        await app.PostStatusAsync(bob, "@ie_alice are you coming on Saturday?");
        var mention = await app.PostStatusAsync(bob, "@ie_alice and again");
        await app.PostStatusAsync(bob, "@ie_alice the door code is 4321", "direct");

        Assert.Equal(0, await RunAsync());
        await WaitAsync(alice);
        Assert.Equal(1, await RunAsync());
        var mail = Assert.Single(MailsTo(alice));
        var text = mail.TextBody;
        Assert.Contains("@ie_bob mentioned you", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/@ie_bob/{mention.GetProperty("id").GetString()}", text, StringComparison.Ordinal);
        Assert.Contains("You have a new private message.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", text, StringComparison.Ordinal);
        Assert.DoesNotContain("4321", mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Saturday", text, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", mail.Headers["List-Unsubscribe-Post"]);
        Assert.StartsWith("<http://localhost/notifications/email/unsubscribe?token=", mail.Headers["List-Unsubscribe"], StringComparison.Ordinal);

        // The next round finds nothing new.
        await WaitAsync(alice);
        Assert.Equal(0, await RunAsync());
        Assert.Single(MailsTo(alice));
    }

    [Fact]
    public async Task AMemberSeenWithinTheHourGetsNoMailForAMention()
    {
        var carol = await app.CreateUserAsync("ie_carol");
        await SeenNowAsync(carol.Id);
        var bob = await TokenOfAsync("ie_carol_friend");
        await app.PostStatusAsync(bob, "@ie_carol hello there");
        await WaitAsync(carol);

        Assert.Equal(0, await RunAsync());
        Assert.Empty(MailsTo(carol));
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == carol.Id).Select(u => u.InstantEmailSentThrough).SingleAsync()));
    }

    [Fact]
    public async Task ABlockedPersonOrAPostNoLongerThereIsNeverInTheMail()
    {
        var dana = await app.CreateUserAsync("ie_dana");
        var danaToken = await app.TokenAsync("ie_dana");
        var erin = await TokenOfAsync("ie_erin");
        var frank = await TokenOfAsync("ie_frank");
        var gus = await TokenOfAsync("ie_gus");
        await app.PostStatusAsync(erin, "@ie_dana from erin");
        var gone = await app.PostStatusAsync(frank, "@ie_dana from frank");
        await app.PostStatusAsync(gus, "@ie_dana from gus");
        var erinId = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "ie_erin").Select(a => a.Id).SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await app.Api(danaToken).PostAsync($"/api/v1/accounts/{erinId}/block", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(frank).DeleteAsync($"/api/v1/statuses/{gone.GetProperty("id").GetString()}")).StatusCode);
        // Dana has been away two hours since.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == dana.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, DateTime.UtcNow.AddHours(-2))));
        await WaitAsync(dana);

        Assert.Equal(1, await RunAsync());
        var mail = Assert.Single(MailsTo(dana));
        Assert.Contains("@ie_gus mentioned you", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ie_erin", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("ie_frank", mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersToAidAndEventChangesComeEvenWhileTheMemberIsAround()
    {
        var jane = await app.CreateUserAsync("ie_jane");
        var janeToken = await app.TokenAsync("ie_jane");
        var kim = await TokenOfAsync("ie_kim");
        var item = await AidTestWorld.CreateItemAsync(app, janeToken, "Lift to the clinic");
        await AidTestWorld.SendAsync(app, kim, HttpMethod.Post, $"/api/v1/kindred/aid/{item}/responses", [("text", "I can drive you on Tuesday")]);
        var leo = await app.CreateUserAsync("ie_leo");
        var ev = await app.WithServicesAsync(s => s.GetRequiredService<EventService>().CreateAsync(leo.Id, new EventInput
        {
            Title = "Repair café",
            StartsAt = DateTimeOffset.UtcNow.AddDays(10),
            EndsAt = DateTimeOffset.UtcNow.AddDays(10).AddHours(2),
            TimeZone = "Europe/London",
            Mode = EventMode.InPerson,
            PlaceName = "Community hall",
            Visibility = EventVisibility.Public,
        }));
        await app.WithServicesAsync(s => s.GetRequiredService<EventService>().RsvpAsync(jane.Id, ev.Id, new RsvpRequest(RsvpResponse.Going)));
        await app.WithServicesAsync(s => s.GetRequiredService<EventService>().CancelAsync(leo.Id, ev.Id));
        await SeenNowAsync(jane.Id);
        await WaitAsync(jane);

        Assert.Equal(1, await RunAsync());
        var text = Assert.Single(MailsTo(jane)).TextBody;
        Assert.Contains("Someone answered your request or offer of help.", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/aid/{item}", text, StringComparison.Ordinal);
        Assert.Contains("An event you are going to changed or was cancelled: Repair café", text, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/events/{ev.Id}", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Tuesday", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MembersChooseWhatComesAndTheOneClickUnsubscribeStopsEverything()
    {
        var hana = await app.CreateUserAsync("ie_hana");
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "ie_hana", KindredApp.Password);
        var settings = await Html.GetAsync(browser, "/settings/account");
        Assert.Contains("id=\"instant-email-mentions\"", settings, StringComparison.Ordinal);
        var saved = await Html.PostFormAsync(browser, "/settings/account", "instant-email", new Dictionary<string, string>
        {
            ["Input.DirectMessages"] = "true",
            ["Input.AidResponses"] = "true",
            ["Input.EventChanges"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(InstantEmailKinds.Mentions, await app.WithDbAsync(db => db.Users.Where(u => u.Id == hana.Id).Select(u => u.InstantEmailsOff).SingleAsync()));
        await app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == hana.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAt, DateTime.UtcNow.AddHours(-2))));
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == hana.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LastSignInAt, DateTime.UtcNow.AddHours(-2))));

        var ivan = await TokenOfAsync("ie_ivan");
        await app.PostStatusAsync(ivan, "@ie_hana public hello");
        await WaitAsync(hana);
        Assert.Equal(0, await RunAsync());
        await app.PostStatusAsync(ivan, "@ie_hana a private word", "direct");
        await WaitAsync(hana);
        Assert.Equal(1, await RunAsync());
        var mail = Assert.Single(MailsTo(hana));
        Assert.Contains("You have a new private message.", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("mentioned you", mail.TextBody, StringComparison.Ordinal);

        var link = mail.Headers["List-Unsubscribe"]!.Trim('<', '>');
        var path = new Uri(link).PathAndQuery;
        Assert.Contains("Stop instant e-mails", await Html.GetAsync(app.Browser(), path), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await app.Api().PostAsync("/notifications/email/unsubscribe?token=forged",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }))).StatusCode);
        Assert.Equal(InstantEmailKinds.Mentions, await app.WithDbAsync(db => db.Users.Where(u => u.Id == hana.Id).Select(u => u.InstantEmailsOff).SingleAsync()));
        var response = await app.Api().PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(InstantEmailKinds.All, await app.WithDbAsync(db => db.Users.Where(u => u.Id == hana.Id).Select(u => u.InstantEmailsOff).SingleAsync()));

        await app.PostStatusAsync(ivan, "@ie_hana one more", "direct");
        await WaitAsync(hana);
        Assert.Equal(0, await RunAsync());
        Assert.Single(MailsTo(hana));
    }
}

public sealed class InstantEmailSqliteTests(DigestSqliteApp app) : InstantEmailTests(app), IClassFixture<DigestSqliteApp>;

public sealed class InstantEmailPostgresTests(DigestPostgresApp app) : InstantEmailTests(app), IClassFixture<DigestPostgresApp>;
