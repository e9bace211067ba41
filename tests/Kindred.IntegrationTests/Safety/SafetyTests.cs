using System.Net;
using Kindred.Core.Audit;
using Kindred.Core.Notifications;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Safety;

/// <summary>
/// "I feel unsafe" on private conversations and profiles, and "who may mention me" (ADR 75): contact is paused on the
/// web and the API at once, leads are alerted by notification and e-mail in their language, a lead reads the escalated
/// conversation and nothing before it, and the lead's decision is audited.
/// </summary>
public abstract class SafetyTests(KindredApp app)
{
    private readonly AidFixtures people = new(app, "uf_");

    private async Task<HttpClient> SignedInAsync(string username, string? password = null)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, password ?? KindredApp.Password);
        return browser;
    }

    private Task<HttpResponseMessage> PostStatusAsync(AidFixtures.Member who, string text, string visibility = "public") =>
        people.PostAsync(who, "/api/v1/statuses", ("status", text), ("visibility", visibility));

    private Task<int> NotificationsFromAsync(long recipientId, long fromId) =>
        app.WithDbAsync(db => db.Notifications.CountAsync(n => n.AccountId == recipientId && n.FromAccountId == fromId));

    private static IEnumerable<string> Mails(KindredApp app, string address) =>
        Directory.Exists(app.MailDirectory)
            ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText).Where(m => m.Contains(address, StringComparison.Ordinal))
            : [];

    /// <summary>Everyone of the visibility matrix, signed in on the web.</summary>
    private async Task<Dictionary<string, HttpClient>> MatrixAsync(AidFixtures.Member other)
    {
        var browsers = new Dictionary<string, HttpClient>
        {
            ["lead"] = await SignedInAsync((await people.MemberAsync("lead", lead: true)).Name),
            ["other lead"] = await SignedInAsync((await people.MemberAsync("lead", lead: true)).Name),
            ["moderator"] = await SignedInAsync((await people.MemberAsync("mod", UserRole.Moderator)).Name),
            ["admin"] = await SignedInAsync((await people.MemberAsync("admin", UserRole.Admin)).Name),
            ["staff"] = await SignedInAsync((await people.MemberAsync("staff", UserRole.Staff)).Name),
            ["member"] = await SignedInAsync((await people.MemberAsync("member")).Name),
            ["owner"] = await SignedInAsync("owner", KindredApp.OwnerPassword),
            ["the other party"] = await SignedInAsync(other.Name),
        };
        return browsers;
    }

    private static bool IsLead(string who) => who is "lead" or "other lead";

    [Fact]
    public async Task AnUnsafeConversationPausesTheOtherPartyAndOpensItToLeadsOnlyAfterTheEscalation()
    {
        var alice = await people.MemberAsync("alice");
        var bob = await people.MemberAsync("bob");
        var sent = await KindredApp.Json(await PostStatusAsync(bob, $"@{alice.Name} secret words uf-4410", "direct"), HttpStatusCode.OK);
        var conversationId = await app.WithDbAsync(db => db.ConversationStatuses.Where(c => c.StatusId == long.Parse(sent.GetProperty("id").GetString()!)).Select(c => c.ConversationId).SingleAsync());
        var matrix = await MatrixAsync(bob);

        // Before: nobody but the two reads it, leads included, and the leads' queue does not list it.
        var wrong = new List<string>();
        foreach (var (who, browser) in matrix)
        {
            var page = await browser.GetAsync($"/messages/{conversationId}");
            var expected = who == "the other party" ? HttpStatusCode.OK : HttpStatusCode.NotFound;
            if (page.StatusCode != expected)
            {
                wrong.Add($"{who} before: {(int)page.StatusCode}");
            }
        }
        Assert.DoesNotContain("uf-4410", await Html.GetAsync(matrix["lead"], "/safeguarding/safety?all=true"), StringComparison.Ordinal);

        var aliceBrowser = await SignedInAsync(alice.Name);
        Assert.Contains("/messages/" + conversationId + "/unsafe", await Html.GetAsync(aliceBrowser, $"/messages/{conversationId}"), StringComparison.Ordinal);
        var raised = await Html.PostFormAsync(aliceBrowser, $"/messages/{conversationId}/unsafe", "conversation-unsafe", new Dictionary<string, string> { ["Input.Reason"] = "He scares me uf-7702" });
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        var escalation = await app.WithDbAsync(db => db.SafetyEscalations.AsNoTracking().SingleAsync(e => e.RaisedById == alice.Id));
        Assert.Equal(conversationId, escalation.ConversationId);

        // After: the leads read it on the escalation's page; everyone else is refused, and the conversation's own page
        // stays the participants'.
        foreach (var (who, browser) in matrix)
        {
            var page = await browser.GetAsync($"/safeguarding/safety/{escalation.Id}");
            var body = await page.Content.ReadAsStringAsync();
            var expected = IsLead(who) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
            if (page.StatusCode != expected || body.Contains("uf-4410", StringComparison.Ordinal) != IsLead(who))
            {
                wrong.Add($"{who} after: {(int)page.StatusCode}");
            }
            var conversation = await browser.GetAsync($"/messages/{conversationId}");
            if (conversation.StatusCode != (who == "the other party" ? HttpStatusCode.OK : HttpStatusCode.NotFound))
            {
                wrong.Add($"{who} conversation after: {(int)conversation.StatusCode}");
            }
        }
        Assert.Empty(wrong);
        Assert.Contains("uf-7702", await Html.GetAsync(matrix["other lead"], $"/safeguarding/safety/{escalation.Id}"), StringComparison.Ordinal);

        // Contact is paused on the API and the web, in the words of a privacy choice, and nothing reaches Alice.
        var before = await NotificationsFromAsync(alice.Id, bob.Id);
        var dm = await PostStatusAsync(bob, $"@{alice.Name} answer me", "direct");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dm.StatusCode);
        Assert.Contains($"@{alice.Name} does not accept private messages from you.", await dm.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var mention = await PostStatusAsync(bob, $"@{alice.Name} look at this");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mention.StatusCode);
        Assert.Contains($"@{alice.Name} does not accept mentions from you.", await mention.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var follow = await app.Api(bob.Token).PostAsync($"/api/v1/accounts/{alice.Id}/follow", null);
        Assert.Equal(HttpStatusCode.Forbidden, follow.StatusCode);
        var reply = await Html.PostFormAsync(matrix["the other party"], $"/messages/{conversationId}", "message-reply", new Dictionary<string, string> { ["Input.Text"] = "Why?" });
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);
        Assert.Contains("does not accept private messages from you", await reply.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await NotificationsFromAsync(alice.Id, bob.Id));
        Assert.Equal(1, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == bob.Id)));
        // Alice herself may still write; the pause is one way.
        Assert.Equal(HttpStatusCode.OK, (await PostStatusAsync(alice, $"@{bob.Name} please stop", "direct")).StatusCode);
    }

    [Fact]
    public async Task LeadsAreToldAtOnceByNotificationAndByEmailInTheirLanguage()
    {
        var english = await people.MemberAsync("lead", lead: true);
        var french = await people.MemberAsync("lead", lead: true);
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == french.Id)).Locale = "fr";
            return await db.SaveChangesAsync();
        });
        var member = await people.MemberAsync("member");
        var alice = await people.MemberAsync("alice");
        var bob = await people.MemberAsync("bob");

        var raised = await Html.PostFormAsync(await SignedInAsync(alice.Name), $"/@{bob.Name}/unsafe", "profile-unsafe", new Dictionary<string, string> { ["Input.Reason"] = "Private reason uf-5521" });
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);

        foreach (var lead in new[] { english, french })
        {
            Assert.Single(await people.NotificationsAsync(lead.Id, NotificationTypes.SafetyEscalation), n => n.FromAccountId == alice.Id);
        }
        Assert.Empty(await people.NotificationsAsync(member.Id, NotificationTypes.SafetyEscalation));
        Assert.Empty(await people.NotificationsAsync(bob.Id, NotificationTypes.SafetyEscalation));
        await app.DeliverMailAsync();
        var englishMail = Assert.Single(Mails(app, english.Name + "@example.org"), m => m.Contains("A safeguarding alert is waiting for review", StringComparison.Ordinal));
        Assert.Contains("/safeguarding/safety", englishMail, StringComparison.Ordinal);
        Assert.DoesNotContain("uf-5521", englishMail, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.Name, englishMail, StringComparison.Ordinal);
        Assert.DoesNotContain(alice.Name, englishMail, StringComparison.Ordinal);
        var frenchMail = Assert.Single(Mails(app, french.Name + "@example.org"), m => m.Contains("/safeguarding/safety", StringComparison.Ordinal));
        Assert.DoesNotContain("A safeguarding alert is waiting for review", frenchMail, StringComparison.Ordinal);
        Assert.DoesNotContain(Mails(app, member.Name + "@example.org"), m => m.Contains("safeguarding", StringComparison.OrdinalIgnoreCase));

        // The lead's notification leads to the queue.
        var notifications = await Html.GetAsync(await SignedInAsync(english.Name), "/notifications");
        Assert.Contains("href=\"/safeguarding/safety\"", notifications, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsafeProfilePausesThatPersonAndShowsLeadsOnlyThePublicInteractions()
    {
        var alice = await people.MemberAsync("alice");
        var bob = await people.MemberAsync("bob");
        Assert.Equal(HttpStatusCode.OK, (await app.Api(bob.Token).PostAsync($"/api/v1/accounts/{alice.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostStatusAsync(bob, $"@{alice.Name} public words uf-8831")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostStatusAsync(bob, $"@{alice.Name} private words uf-8832", "direct")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostStatusAsync(bob, "unrelated words uf-8833")).StatusCode);
        var matrix = await MatrixAsync(bob);

        var aliceBrowser = await SignedInAsync(alice.Name);
        Assert.Contains($"/@{bob.Name}/unsafe", await Html.GetAsync(aliceBrowser, $"/@{bob.Name}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Html.PostFormAsync(aliceBrowser, $"/@{bob.Name}/unsafe", "profile-unsafe", new Dictionary<string, string> { ["Input.Reason"] = "" })).StatusCode);
        var escalation = await app.WithDbAsync(db => db.SafetyEscalations.AsNoTracking().SingleAsync(e => e.RaisedById == alice.Id));
        Assert.Equal(bob.Id, escalation.AccountId);
        Assert.False(await app.WithDbAsync(db => db.Follows.AnyAsync(f => f.AccountId == bob.Id && f.TargetAccountId == alice.Id)));

        var wrong = new List<string>();
        foreach (var (who, browser) in matrix)
        {
            var page = await browser.GetAsync($"/safeguarding/safety/{escalation.Id}");
            var body = await page.Content.ReadAsStringAsync();
            if (page.StatusCode != (IsLead(who) ? HttpStatusCode.OK : HttpStatusCode.Forbidden) || body.Contains("uf-8831", StringComparison.Ordinal) != IsLead(who))
            {
                wrong.Add($"{who}: {(int)page.StatusCode}");
            }
            // Nothing private and nothing unrelated, even for a lead.
            if (body.Contains("uf-8832", StringComparison.Ordinal) || body.Contains("uf-8833", StringComparison.Ordinal))
            {
                wrong.Add($"{who} sees more than the public interactions");
            }
        }
        Assert.Empty(wrong);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostStatusAsync(bob, $"@{alice.Name} hello again")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostStatusAsync(bob, $"@{alice.Name} hello again", "direct")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(bob.Token).PostAsync($"/api/v1/accounts/{alice.Id}/follow", null)).StatusCode);
        var composer = await Html.PostFormAsync(matrix["the other party"], "/compose", "compose", new Dictionary<string, string>
        {
            ["Input.Text"] = $"@{alice.Name} from the web",
            ["Input.SpoilerText"] = "",
            ["Input.Visibility"] = "public",
        });
        Assert.Equal(HttpStatusCode.OK, composer.StatusCode);
        Assert.Contains("does not accept mentions from you", await composer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await aliceBrowser.GetAsync($"/@{alice.Name}/unsafe")).StatusCode);
    }

    [Fact]
    public async Task ALeadsDecisionsAreAuditedAndResolvingLetsContactResume()
    {
        var lead = await people.MemberAsync("lead", lead: true);
        var leadBrowser = await SignedInAsync(lead.Name);
        var alice = await people.MemberAsync("alice");
        var bob = await people.MemberAsync("bob");
        var carol = await people.MemberAsync("carol");
        var aliceBrowser = await SignedInAsync(alice.Name);
        await Html.PostFormAsync(aliceBrowser, $"/@{bob.Name}/unsafe", "profile-unsafe", new Dictionary<string, string> { ["Input.Reason"] = "" });
        await Html.PostFormAsync(aliceBrowser, $"/@{carol.Name}/unsafe", "profile-unsafe", new Dictionary<string, string> { ["Input.Reason"] = "" });
        var aboutBob = await app.WithDbAsync(db => db.SafetyEscalations.SingleAsync(e => e.RaisedById == alice.Id && e.AccountId == bob.Id));
        var aboutCarol = await app.WithDbAsync(db => db.SafetyEscalations.SingleAsync(e => e.RaisedById == alice.Id && e.AccountId == carol.Id));

        // A non-lead's forged decision changes nothing.
        var moderator = await SignedInAsync((await people.MemberAsync("mod", UserRole.Moderator)).Name);
        var forged = await Html.PostFormAsync(moderator, "/notifications", "safety-review", new Dictionary<string, string> { ["Input.Action"] = "resolve", ["Input.Note"] = "" }, $"/safeguarding/safety/{aboutBob.Id}");
        Assert.True((int)forged.StatusCode >= 400);
        var none = await Html.PostFormAsync(leadBrowser, $"/safeguarding/safety/{aboutBob.Id}", "safety-review", new Dictionary<string, string> { ["Input.Note"] = "" });
        Assert.Equal(HttpStatusCode.OK, none.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.SafetyEscalations.Where(e => e.Id == aboutBob.Id).Select(e => e.ReviewedAt).SingleAsync()));

        var resolved = await Html.PostFormAsync(leadBrowser, $"/safeguarding/safety/{aboutBob.Id}", "safety-review", new Dictionary<string, string> { ["Input.Action"] = "resolve", ["Input.Note"] = "A misunderstanding." });
        Assert.Equal(HttpStatusCode.Redirect, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostStatusAsync(bob, $"@{alice.Name} sorry")).StatusCode);
        Assert.Equal(1, await NotificationsFromAsync(alice.Id, bob.Id));

        var referred = await Html.PostFormAsync(leadBrowser, $"/safeguarding/safety/{aboutCarol.Id}", "safety-review", new Dictionary<string, string> { ["Input.Action"] = "refer", ["Input.Note"] = "Threats." });
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostStatusAsync(carol, $"@{alice.Name} hi")).StatusCode);
        var report = await app.WithDbAsync(db => db.Reports.AsNoTracking().SingleAsync(r => r.TargetAccountId == carol.Id));
        Assert.Equal(lead.Id, report.AccountId);
        Assert.Empty(report.StatusIds);

        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.SafetyReview && e.ActorId == lead.Id).ToListAsync());
        Assert.Equal(2, audit.Count);
        Assert.Contains(audit, e => e.TargetId == aboutBob.Id && e.After == "resolved");
        Assert.Contains(audit, e => e.TargetId == aboutCarol.Id && e.After == "referred");
        Assert.DoesNotContain(audit, e => e.Summary.Contains("Threats", StringComparison.Ordinal));
        var again = await Html.PostFormAsync(leadBrowser, $"/safeguarding/safety/{aboutCarol.Id}", "safety-review", new Dictionary<string, string> { ["Input.Action"] = "resolve", ["Input.Note"] = "" });
        Assert.NotEqual(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(SafetyDecision.Referred, await app.WithDbAsync(db => db.SafetyEscalations.Where(e => e.Id == aboutCarol.Id).Select(e => e.Decision).SingleAsync()));
    }

    [Fact]
    public async Task APausedPersonsAttemptsSendNoEventOnTheMembersStream()
    {
        var alice = await people.MemberAsync("alice");
        var bob = await people.MemberAsync("bob");
        var carol = await people.MemberAsync("carol");
        await Html.PostFormAsync(await SignedInAsync(alice.Name), $"/@{bob.Name}/unsafe", "profile-unsafe", new Dictionary<string, string> { ["Input.Reason"] = "" });
        await using var stream = await StreamClient.ConnectAsync(app, $"?stream=user:notification&access_token={alice.Token}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostStatusAsync(bob, $"@{alice.Name} in public")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostStatusAsync(bob, $"@{alice.Name} in private", "direct")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(bob.Token).PostAsync($"/api/v1/accounts/{alice.Id}/follow", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostStatusAsync(carol, $"@{alice.Name} from someone else")).StatusCode);

        // The first event is Carol's: nothing of Bob's attempts reached the stream before it.
        var (_, eventName, payload) = await stream.NextEventAsync();
        Assert.Equal("notification", eventName);
        Assert.Contains(carol.Name, payload, StringComparison.Ordinal);
        Assert.DoesNotContain(bob.Name, payload, StringComparison.Ordinal);
    }

    public static TheoryData<MentionPolicy> Policies => [MentionPolicy.Everyone, MentionPolicy.Following, MentionPolicy.Nobody];

    [Theory]
    [MemberData(nameof(Policies))]
    public async Task WhoMayMentionMeHoldsForEachKindOfAuthorOnTheWebAndTheApi(MentionPolicy policy)
    {
        var member = await people.MemberAsync("m");
        var followed = await people.MemberAsync("followed");
        var stranger = await people.MemberAsync("stranger");
        var lead = await people.MemberAsync("lead", lead: true);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(member.Token).PostAsync($"/api/v1/accounts/{followed.Id}/follow", null)).StatusCode);
        var saved = await app.Api(member.Token).PatchAsync("/api/v1/accounts/update_credentials", AidFixtures.Form(("mentions", policy.ToString().ToLowerInvariant())));
        var me = await KindredApp.Json(saved, HttpStatusCode.OK);
        Assert.Equal(policy.ToString().ToLowerInvariant(), me.GetProperty("kindred").GetProperty("mentions").GetString());
        var organization = await app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId!.Value).SingleAsync());

        var wrong = new List<string>();
        foreach (var (who, author) in new[] { ("followed", followed), ("stranger", stranger), ("lead", lead) })
        {
            var allowed = policy == MentionPolicy.Everyone || who == "lead" || (policy == MentionPolicy.Following && who == "followed");
            var api = await PostStatusAsync(author, $"@{member.Name} api {who}");
            var web = await Html.PostFormAsync(await SignedInAsync(author.Name), "/compose", "compose", new Dictionary<string, string>
            {
                ["Input.Text"] = $"@{member.Name} web {who}",
                ["Input.SpoilerText"] = "",
                ["Input.Visibility"] = "public",
            });
            var webBody = await web.Content.ReadAsStringAsync();
            var told = await NotificationsFromAsync(member.Id, author.Id);
            if ((api.StatusCode == HttpStatusCode.OK) != allowed || (web.StatusCode == HttpStatusCode.Redirect) != allowed
                || webBody.Contains("does not accept mentions from you", StringComparison.Ordinal) == allowed || told != (allowed ? 2 : 0))
            {
                wrong.Add($"{policy} {who}: api {(int)api.StatusCode}, web {(int)web.StatusCode}, notified {told}");
            }
            if (!allowed)
            {
                Assert.Contains($"@{member.Name} does not accept mentions from you.", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
        }
        // The organization account speaks through staff (ADR 65), so through the service here: always allowed.
        await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(organization, new NewStatus($"@{member.Name} from the organization", "http://localhost", Audience.Public)));
        if (await NotificationsFromAsync(member.Id, organization) != 1)
        {
            wrong.Add($"{policy} organization: not notified");
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task TheMentionSettingIsChosenOnTheProfileSettingsPageAndBadValuesAreRefused()
    {
        var member = await people.MemberAsync("m");
        var browser = await SignedInAsync(member.Name);
        Assert.Contains("name=\"Input.Mentions\"", await Html.GetAsync(browser, "/settings/profile"), StringComparison.Ordinal);
        var saved = await Html.PostFormAsync(browser, "/settings/profile", "profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "M",
            ["Input.Locale"] = "en",
            ["Input.Mentions"] = "Nobody",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(MentionPolicy.Nobody, await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == member.Id).Select(a => a.Mentions).SingleAsync()));
        var bad = await app.Api(member.Token).PatchAsync("/api/v1/accounts/update_credentials", AidFixtures.Form(("mentions", "friends")));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal(MentionPolicy.Nobody, await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == member.Id).Select(a => a.Mentions).SingleAsync()));
    }
}

public sealed class SafetySqliteTests(SqliteApp app) : SafetyTests(app), IClassFixture<SqliteApp>;

public sealed class SafetyPostgresTests(PostgresApp app) : SafetyTests(app), IClassFixture<PostgresApp>;
