using System.Net;
using Kindred.Core.Digests;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace Kindred.IntegrationTests.Digests;

/// <summary>
/// Getting a digest out exactly once and getting out of digests: one-click unsubscribe (RFC 8058) without cookies, a
/// confirm page that never unsubscribes on its own, bad tokens refused, no second send after a restart or when two runs
/// race, and a refused mail retried later.
/// </summary>
public abstract class DigestDeliveryTests(DigestApp app)
{
    private readonly DigestScenario scenario = new(app);

    /// <summary>A member with something to read: a post in a group they share with <paramref name="prefix"/>_friend.</summary>
    private async Task<DigestScenario.Member> MemberWithNewsAsync(string prefix, Microsoft.Extensions.Time.Testing.FakeTimeProvider clock)
    {
        var member = await scenario.MemberAsync(prefix + "_member");
        var friend = await scenario.MemberAsync(prefix + "_friend");
        await app.RunDigestsAsync(clock);
        var group = await scenario.GroupAsync(prefix.Replace('_', '-') + "-group", GroupVisibility.Public, friend, member);
        await scenario.PostAsync(friend, "News for " + prefix, groupId: group);
        clock.Advance(TimeSpan.FromDays(1));
        return member;
    }

    private Task<DigestFrequency> FrequencyAsync(DigestScenario.Member member) =>
        app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.DigestFrequency).SingleAsync());

    private static string UnsubscribeUrl(MimeKit.MimeMessage message)
    {
        var header = message.Headers["List-Unsubscribe"]!;
        return header.Trim('<', '>').Replace("http://localhost", "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task OneClickPostUnsubscribesWithoutCookiesOrAntiforgery()
    {
        var clock = DigestApp.Clock();
        var member = await MemberWithNewsAsync("oc", clock);
        await app.RunDigestsAsync(clock);
        var url = UnsubscribeUrl(scenario.SingleDigest(member).Message);
        Assert.Equal(DigestFrequency.Weekly, await FrequencyAsync(member));

        var response = await app.Api().PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DigestFrequency.Off, await FrequencyAsync(member));

        // Off means off: a week later, with news waiting, nothing is sent.
        var friend = await scenario.MemberAsync("oc_other");
        await scenario.PostAsync(friend, "@oc_member are you there?");
        clock.Advance(TimeSpan.FromDays(8));
        await app.RunDigestsAsync(clock);
        Assert.Single(app.DigestsTo(member.Email));
    }

    [Fact]
    public async Task OpeningTheLinkOnlyAsksAndTheConfirmFormUnsubscribes()
    {
        var clock = DigestApp.Clock();
        var member = await MemberWithNewsAsync("get", clock);
        await app.RunDigestsAsync(clock);
        var url = UnsubscribeUrl(scenario.SingleDigest(member).Message);

        var browser = app.Browser();
        var page = await browser.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("name=\"List-Unsubscribe\" value=\"One-Click\"", html, StringComparison.Ordinal);
        Assert.Equal(DigestFrequency.Weekly, await FrequencyAsync(member));

        // The page's own form, as a browser without JavaScript sends it.
        var response = await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click", ["from"] = "page" }));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/digest/unsubscribed", response.Headers.Location?.OriginalString);
        Assert.Equal(DigestFrequency.Off, await FrequencyAsync(member));
        var done = await browser.GetAsync("/digest/unsubscribed");
        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        Assert.Contains("You will not get digest e-mails any more.", await done.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABadTokenIsRefusedAndChangesNothing()
    {
        var clock = DigestApp.Clock();
        var member = await MemberWithNewsAsync("bad", clock);
        await app.RunDigestsAsync(clock);
        var url = UnsubscribeUrl(scenario.SingleDigest(member).Message);
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];
        var oneClick = new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" };

        foreach (var bad in new[] { "garbage", tampered, "" })
        {
            var post = await app.Api().PostAsync("/digest/unsubscribe?token=" + Uri.EscapeDataString(bad), new FormUrlEncodedContent(oneClick));
            Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
            var get = await app.Browser().GetAsync("/digest/unsubscribe?token=" + Uri.EscapeDataString(bad));
            Assert.Equal(HttpStatusCode.BadRequest, get.StatusCode);
            Assert.Contains("This unsubscribe link is not valid.", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // The right token without the RFC 8058 body is not a one-click request either.
        var noBody = await app.Api().PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "yes" }));
        Assert.Equal(HttpStatusCode.BadRequest, noBody.StatusCode);
        Assert.Equal(DigestFrequency.Weekly, await FrequencyAsync(member));
    }

    [Fact]
    public async Task ARestartedServerDoesNotSendTheDigestAgain()
    {
        var clock = DigestApp.Clock();
        var member = await MemberWithNewsAsync("restart", clock);
        await app.RunDigestsAsync(clock);
        Assert.Single(app.DigestsTo(member.Email));

        // A new server process on the same database and mail server, at the same moment and an hour later.
        await using var restarted = new DigestApp(app.Database, sameDatabaseAs: app);
        await restarted.InitializeAsync();
        await restarted.RunDigestsAsync(clock);
        clock.Advance(TimeSpan.FromHours(1));
        await restarted.RunDigestsAsync(clock);
        Assert.Single(app.DigestsTo(member.Email));
        Assert.Equal(1, await app.WithDbAsync(db => db.DigestSends.CountAsync(d => d.UserId == member.Id && d.Outcome == DigestOutcome.Sent)));
    }

    [Fact]
    public async Task TwoRunsRacingSendOneDigest()
    {
        var clock = DigestApp.Clock();
        var member = await MemberWithNewsAsync("race", clock);
        await using var second = new DigestApp(app.Database, sameDatabaseAs: app);
        await second.InitializeAsync();

        await Task.WhenAll(app.RunDigestsAsync(clock), second.RunDigestsAsync(clock), app.RunDigestsAsync(clock));
        Assert.Single(app.DigestsTo(member.Email));
    }

    [Fact]
    public async Task AMailTheServerRefusedIsSentOnALaterRunAndOnlyOnce()
    {
        var clock = DigestApp.Clock();
        var member = await MemberWithNewsAsync("retry", clock);
        app.Smtp!.Stop();
        try
        {
            await app.RunDigestsAsync(clock);
            Assert.Equal(DigestOutcome.Failed, await app.WithDbAsync(db => db.DigestSends.Where(d => d.UserId == member.Id).Select(d => d.Outcome).SingleAsync()));
        }
        finally
        {
            app.Smtp.Dispose();
            app.Smtp = SimpleSmtpServer.Start(app.SmtpPort);
        }

        // Still inside the retry delay: nothing yet.
        clock.Advance(TimeSpan.FromMinutes(5));
        await app.RunDigestsAsync(clock);
        Assert.Empty(app.DigestsTo(member.Email));

        clock.Advance(TimeSpan.FromMinutes(10));
        await app.RunDigestsAsync(clock);
        var (_, text, _) = scenario.SingleDigest(member);
        Assert.Contains("News for retry", text, StringComparison.Ordinal);
        clock.Advance(TimeSpan.FromHours(1));
        await app.RunDigestsAsync(clock);
        Assert.Single(app.DigestsTo(member.Email));
    }

    [Fact]
    public async Task TheSettingsPagesChangeTheFrequencyAndTheZoneAndRefuseAnUnknownTimeZone()
    {
        var member = await scenario.MemberAsync("set_member");
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, member.Username, KindredApp.Password);
        var page = await (await browser.GetAsync("/settings/account")).Content.ReadAsStringAsync();
        Assert.Contains("id=\"digest-weekly\"", page, StringComparison.Ordinal);

        // The zone is chosen on the preferences page (ADR 84), which refuses one the server does not know.
        var bad = await Html.PostFormAsync(browser, "/settings/preferences", "preferences", new Dictionary<string, string>
        {
            ["Input.TimeZone"] = "Mars/Olympus_Mons",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose a time zone from the list.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.TimeZone).SingleAsync()));

        var zone = await Html.PostFormAsync(browser, "/settings/preferences", "preferences", new Dictionary<string, string>
        {
            ["Input.TimeZone"] = "Europe/Paris",
        });
        Assert.True(zone.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, zone.StatusCode.ToString());
        var good = await Html.PostFormAsync(browser, "/settings/account", "digest", new Dictionary<string, string>
        {
            ["Input.Frequency"] = "daily",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
        var saved = await app.WithDbAsync(db => db.Users.Where(u => u.Id == member.Id).Select(u => new { u.DigestFrequency, u.TimeZone, u.DigestDueAt }).SingleAsync());
        Assert.Equal(DigestFrequency.Daily, saved.DigestFrequency);
        Assert.Equal("Europe/Paris", saved.TimeZone);
        Assert.NotNull(saved.DigestDueAt);
    }
}

public sealed class DigestDeliverySqliteTests(DigestSqliteApp app) : DigestDeliveryTests(app), IClassFixture<DigestSqliteApp>;

public sealed class DigestDeliveryPostgresTests(DigestPostgresApp app) : DigestDeliveryTests(app), IClassFixture<DigestPostgresApp>;
