using System.Net;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Aid.Responses;

/// <summary>
/// The aid conversation pages without JavaScript: answering, replying, accepting, "I feel unsafe" with its confirm step,
/// a lead's review, and who may open each page (the safeguarding matrix's conversation read paths).
/// </summary>
public abstract class AidConversationPagesTests(KindredApp app)
{
    private readonly AidFixtures aid = new(app, "ap_");

    private async Task<HttpClient> SignedInAsync(AidFixtures.Member who)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, who.Name, KindredApp.Password);
        return browser;
    }

    [Fact]
    public async Task AHelperAnswersTheOwnerAcceptsAndEitherCanSayTheyFeelUnsafe()
    {
        var owner = await aid.MemberAsync("owner");
        var helper = await aid.MemberAsync("helper");
        var lead = await aid.MemberAsync("lead", lead: true);
        var item = await aid.ItemAsync(owner, sensitive: true);
        var helperBrowser = await SignedInAsync(helper);

        var form = await Html.GetAsync(helperBrowser, $"/aid/{item.Id}/answer");
        Assert.Contains("No contact details", form, StringComparison.Ordinal);
        var empty = await Html.PostFormAsync(helperBrowser, $"/aid/{item.Id}/answer", "aid-answer", new Dictionary<string, string> { ["Input.Text"] = " " });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Write a message.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AidResponses.AnyAsync(r => r.ItemId == item.Id)));

        var sent = await Html.PostFormAsync(helperBrowser, $"/aid/{item.Id}/answer", "aid-answer", new Dictionary<string, string> { ["Input.Text"] = "I can help <script>alert(1)</script>" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var path = Html.Location(sent);
        Assert.StartsWith("/aid/conversations/", path, StringComparison.Ordinal);
        var page = await Html.GetAsync(helperBrowser, path);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);

        var ownerBrowser = await SignedInAsync(owner);
        Assert.Contains(path, await Html.GetAsync(ownerBrowser, $"/aid/{item.Id}/responses"), StringComparison.Ordinal);
        var reply = await Html.PostFormAsync(ownerBrowser, path, "aid-message", new Dictionary<string, string> { ["Input.Text"] = "Thank you, Tuesday at 4?" });
        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var accepted = await Html.PostFormAsync(ownerBrowser, path, "aid-act", new Dictionary<string, string> { ["Act"] = "accept" });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal(AidItemState.InProgress, await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == item.Id).Select(i => i.State).FirstAsync()));

        // "I feel unsafe" asks for confirmation first, then pauses the conversation.
        var confirm = await Html.GetAsync(helperBrowser, path + "/unsafe");
        Assert.Contains("safeguarding leads", confirm, StringComparison.Ordinal);
        var raised = await Html.PostFormAsync(helperBrowser, path + "/unsafe", "aid-unsafe", new Dictionary<string, string> { ["Input.Reason"] = "Asked where I live." });
        Assert.Equal(HttpStatusCode.Redirect, raised.StatusCode);
        Assert.Contains("paused", await Html.GetAsync(ownerBrowser, path), StringComparison.Ordinal);
        var blocked = await Html.PostFormAsync(ownerBrowser, path, "aid-message", new Dictionary<string, string> { ["Input.Text"] = "Hello?" });
        Assert.NotEqual(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Equal(2, await aid.MessageCountAsync(long.Parse(path["/aid/conversations/".Length..], System.Globalization.CultureInfo.InvariantCulture)));

        // The lead reviews on the web: the conversation is there, and resuming lets messages through again.
        var leadBrowser = await SignedInAsync(lead);
        var queue = await Html.GetAsync(leadBrowser, "/safeguarding/escalations");
        var eid = await app.WithDbAsync(db => db.AidEscalations.Where(e => e.RaisedById == helper.Id).Select(e => e.Id).FirstAsync());
        Assert.Contains($"/safeguarding/escalations/{eid}", queue, StringComparison.Ordinal);
        var review = await Html.GetAsync(leadBrowser, $"/safeguarding/escalations/{eid}");
        Assert.Contains("Thank you, Tuesday at 4?", review, StringComparison.Ordinal);
        Assert.Contains("Asked where I live.", review, StringComparison.Ordinal);
        var noNote = await Html.PostFormAsync(leadBrowser, $"/safeguarding/escalations/{eid}", "escalation-review", new Dictionary<string, string> { ["Input.Action"] = "resume", ["Input.Note"] = "" });
        Assert.Equal(HttpStatusCode.OK, noNote.StatusCode);
        Assert.Contains("Write a note about your review.", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var resumed = await Html.PostFormAsync(leadBrowser, $"/safeguarding/escalations/{eid}", "escalation-review", new Dictionary<string, string> { ["Input.Action"] = "resume", ["Input.Note"] = "Talked to both." });
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.AidResponses.Where(r => r.ItemId == item.Id).Select(r => r.PausedAt).FirstAsync()));
    }

    [Fact]
    public async Task ConversationPagesOpenOnlyForThePartiesAndForLeadsAfterAnEscalation()
    {
        var owner = await aid.MemberAsync("mowner");
        var helper = await aid.MemberAsync("mhelper");
        var lead = await aid.MemberAsync("mlead", lead: true);
        var moderator = await aid.MemberAsync("mmod", UserRole.Moderator);
        var vetted = await aid.MemberAsync("mvetted", vetted: true);
        var other = await aid.MemberAsync("mother");
        var item = await aid.ItemAsync(owner, sensitive: true, audience: AidAudience.VettedHelpers);
        var rid = await aid.AnsweredAsync(vetted, item.Id);
        var path = $"/aid/conversations/{rid}";

        async Task ExpectAsync(AidFixtures.Member? who, HttpStatusCode conversation, HttpStatusCode responses)
        {
            var browser = who is null ? app.Browser() : await SignedInAsync(who);
            var page = await browser.GetAsync(path);
            var list = await browser.GetAsync($"/aid/{item.Id}/responses");
            if (who is null)
            {
                // Visitors are sent to sign in; nothing of the conversation reaches them.
                Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
                Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
                return;
            }
            Assert.True(page.StatusCode == conversation, $"{who.Name} {path}: {(int)page.StatusCode}");
            Assert.True(list.StatusCode == responses, $"{who.Name} responses: {(int)list.StatusCode}");
        }

        await ExpectAsync(null, HttpStatusCode.Redirect, HttpStatusCode.Redirect);
        await ExpectAsync(owner, HttpStatusCode.OK, HttpStatusCode.OK);
        await ExpectAsync(vetted, HttpStatusCode.OK, HttpStatusCode.NotFound);
        await ExpectAsync(other, HttpStatusCode.NotFound, HttpStatusCode.NotFound);
        await ExpectAsync(helper, HttpStatusCode.NotFound, HttpStatusCode.NotFound);
        await ExpectAsync(moderator, HttpStatusCode.NotFound, HttpStatusCode.NotFound);
        await ExpectAsync(lead, HttpStatusCode.NotFound, HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await SignedInAsync(moderator)).GetAsync("/safeguarding/escalations")).StatusCode);

        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/unsafe");
        await ExpectAsync(lead, HttpStatusCode.OK, HttpStatusCode.NotFound);
        await ExpectAsync(moderator, HttpStatusCode.NotFound, HttpStatusCode.NotFound);
        await ExpectAsync(other, HttpStatusCode.NotFound, HttpStatusCode.NotFound);
        // Neither the lead nor anyone else but the parties reaches the confirm page.
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignedInAsync(lead)).GetAsync(path + "/unsafe")).StatusCode);
    }
}

public sealed class AidConversationPagesSqliteTests(SqliteApp app) : AidConversationPagesTests(app), IClassFixture<SqliteApp>;

public sealed class AidConversationPagesPostgresTests(PostgresApp app) : AidConversationPagesTests(app), IClassFixture<PostgresApp>;
