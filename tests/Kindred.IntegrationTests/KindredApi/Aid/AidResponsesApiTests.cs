using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.Core.Notifications;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.Server.KindredApi.Models;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.KindredApi.Aid;

/// <summary>
/// The aid conversations API: the whole flow from answering to thanks, the answer limits, bad input, others'
/// conversations, "I feel unsafe" and the leads' review, notifications, scopes, paging and the OpenAPI document.
/// </summary>
public abstract class AidResponsesApiTests(KindredApp app)
{
    private readonly AidFixtures aid = new(app, "ar_");

    [Fact]
    public async Task AnsweringMessagingAcceptingFulfillingAndThankingWorkEndToEnd()
    {
        var owner = await aid.MemberAsync("owner");
        var helper = await aid.MemberAsync("helper");
        var item = await aid.ItemAsync(owner);

        var answered = await KindredApp.Json(await aid.AnswerAsync(helper, item.Id, "I can fetch him <b>on Tuesdays</b>."), HttpStatusCode.OK);
        var rid = answered.GetProperty("id").GetString()!;
        Assert.Equal("pending", answered.GetProperty("state").GetString());
        Assert.Equal("responder", answered.GetProperty("role").GetString());
        Assert.Equal("request", answered.GetProperty("item_kind").GetString());
        Assert.NotNull(await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == item.Id).Select(i => i.FirstResponseAt).FirstAsync()));

        // The owner sees the answer and the message as plain text.
        var list = await aid.GetOkAsync(owner, $"/api/v1/kindred/aid/{item.Id}/responses");
        Assert.Equal(rid, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
        var messages = await aid.GetOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages");
        Assert.Equal("I can fetch him <b>on Tuesdays</b>.", Assert.Single(messages.EnumerateArray()).GetProperty("text").GetString());

        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "Thank you! My number is in my next message."));
        var accepted = await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/accept");
        Assert.Equal("accepted", accepted.GetProperty("state").GetString());
        Assert.Equal("in_progress", accepted.GetProperty("item_state").GetString());

        var fulfilled = await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/{item.Id}/fulfil");
        Assert.Equal("fulfilled", fulfilled.GetProperty("state").GetString());
        // The whole item comes back, as from close and reopen, so an app can redraw it without another request.
        Assert.Equal(item.Id.ToString(CultureInfo.InvariantCulture), fulfilled.GetProperty("id").GetString());
        Assert.True(fulfilled.GetProperty("own").GetBoolean());
        Assert.Equal(JsonValueKind.String, fulfilled.GetProperty("title").ValueKind);
        Assert.Equal(JsonValueKind.String, fulfilled.GetProperty("ended_at").ValueKind);
        Assert.Equal(owner.Id.ToString(CultureInfo.InvariantCulture), fulfilled.GetProperty("account").GetProperty("id").GetString());
        Assert.NotNull(await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == item.Id).Select(i => i.EndedAt).FirstAsync()));

        var thanks = await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/thanks", ("text", "You made our week easier."), ("share", "true"));
        Assert.True(thanks.GetProperty("shared_by_giver").GetBoolean());
        Assert.False(thanks.GetProperty("shown").GetBoolean());
        var profile = await Html.GetAsync(app.Browser(), $"/@{helper.Name}");
        Assert.DoesNotContain("You made our week easier.", profile, StringComparison.Ordinal);

        // The helper agrees on their side: now, and only now, the thanks show on their profile.
        var shared = await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/thanks/share", ("share", "true"));
        Assert.True(shared.GetProperty("shown").GetBoolean());
        Assert.Contains("You made our week easier.", await Html.GetAsync(app.Browser(), $"/@{helper.Name}"), StringComparison.Ordinal);
        // Either side taking it back hides it again.
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/thanks/share", ("share", "false"));
        Assert.DoesNotContain("You made our week easier.", await Html.GetAsync(app.Browser(), $"/@{helper.Name}"), StringComparison.Ordinal);

        var conversation = await aid.GetOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}");
        Assert.Equal("fulfilled", conversation.GetProperty("item_state").GetString());
        Assert.Equal("You made our week easier.", conversation.GetProperty("thanks").GetProperty("text").GetString());
        var mine = await aid.GetOkAsync(helper, "/api/v1/kindred/aid/responses");
        Assert.Equal(rid, Assert.Single(mine.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task EachStepNotifiesTheRightPersonWithTheItem()
    {
        var owner = await aid.MemberAsync("nowner");
        var helper = await aid.MemberAsync("nhelper");
        var lead = await aid.MemberAsync("nlead", lead: true);
        var bystander = await aid.MemberAsync("nby");
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "Are Tuesdays still good?"));
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/accept");
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/thanks", ("text", "Thanks!"));
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/unsafe");

        async Task<List<string>> TypesAsync(AidFixtures.Member who)
        {
            var json = await aid.GetOkAsync(who, "/api/v1/notifications");
            foreach (var n in json.EnumerateArray())
            {
                Assert.Equal(item.Id.ToString(CultureInfo.InvariantCulture), n.GetProperty("aid_item_id").GetString());
            }
            return json.EnumerateArray().Select(n => n.GetProperty("type").GetString()!).Order().ToList();
        }
        Assert.Equal([NotificationTypes.AidMessage, NotificationTypes.AidResponse], await TypesAsync(owner));
        Assert.Equal([NotificationTypes.AidAccepted, NotificationTypes.AidThanks], await TypesAsync(helper));
        Assert.Equal([NotificationTypes.AidEscalation], await TypesAsync(lead));
        Assert.Empty(await TypesAsync(bystander));

        // Each has a readable line on the notifications page.
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, helper.Name, KindredApp.Password);
        var page = await Html.GetAsync(browser, "/notifications");
        Assert.Contains("accepted your answer", page, StringComparison.Ordinal);
        Assert.Contains("thanked you for your help", page, StringComparison.Ordinal);
        Assert.Contains($"/aid/conversations/{rid}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VettedHelpersOnlyItemsTakeAnswersFromCurrentVettedHelpersOnly()
    {
        var owner = await aid.MemberAsync("vowner");
        var member = await aid.MemberAsync("vmember");
        var vetted = await aid.MemberAsync("vvetted", vetted: true);
        var item = await aid.ItemAsync(owner, policy: AidAnswerPolicy.VettedHelpersOnly);
        var refused = await KindredApp.Json(await aid.AnswerAsync(member, item.Id), HttpStatusCode.Forbidden);
        Assert.Contains("vetted", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AidResponses.AnyAsync(r => r.ItemId == item.Id)));
        Assert.Null(await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == item.Id).Select(i => i.FirstResponseAt).FirstAsync()));
        await aid.AnsweredAsync(vetted, item.Id);

        // A revoked vetting no longer counts.
        var revoked = await aid.MemberAsync("vrevoked", vetted: true);
        await app.WithDbAsync(async db =>
        {
            await db.VettedHelpers.Where(v => v.AccountId == revoked.Id).ExecuteUpdateAsync(s => s.SetProperty(v => v.RevokedAt, DateTime.UtcNow));
        });
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.AnswerAsync(revoked, item.Id)).StatusCode);
    }

    [Fact]
    public async Task NewMembersCannotAnswerSensitiveRequestsInTheirFirstDays()
    {
        var owner = await aid.MemberAsync("sowner");
        var newcomer = await aid.MemberAsync("snew", established: false);
        var sensitive = await aid.ItemAsync(owner, sensitive: true);
        var refused = await KindredApp.Json(await aid.AnswerAsync(newcomer, sensitive.Id), HttpStatusCode.Forbidden);
        Assert.Contains("first 7 days", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AidResponses.AnyAsync(r => r.ResponderId == newcomer.Id)));
        // Ordinary requests and sensitive offers are open to them; an established member answers the sensitive request.
        await aid.AnsweredAsync(newcomer, (await aid.ItemAsync(owner)).Id);
        await aid.AnsweredAsync(newcomer, (await aid.ItemAsync(owner, AidKind.Offer, sensitive: true)).Id);
        await aid.AnsweredAsync(await aid.MemberAsync("sold"), sensitive.Id);
    }

    [Fact]
    public async Task OwnItemsClosedItemsBlocksAndSecondAnswersAreRefused()
    {
        var owner = await aid.MemberAsync("lowner");
        var item = await aid.ItemAsync(owner);
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.AnswerAsync(owner, item.Id)).StatusCode);

        var blocked = await aid.MemberAsync("lblocked");
        await aid.PostOkAsync(owner, $"/api/v1/accounts/{blocked.Id}/block");
        Assert.Equal(HttpStatusCode.NotFound, (await aid.AnswerAsync(blocked, item.Id)).StatusCode);
        var blocker = await aid.MemberAsync("lblocker");
        await aid.PostOkAsync(blocker, $"/api/v1/accounts/{owner.Id}/block");
        Assert.Equal(HttpStatusCode.NotFound, (await aid.AnswerAsync(blocker, item.Id)).StatusCode);

        var helper = await aid.MemberAsync("lhelper");
        await aid.AnsweredAsync(helper, item.Id);
        Assert.Equal(HttpStatusCode.Conflict, (await aid.AnswerAsync(helper, item.Id)).StatusCode);

        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/{item.Id}/fulfil");
        var late = await KindredApp.Json(await aid.AnswerAsync(await aid.MemberAsync("llate"), item.Id), HttpStatusCode.Forbidden);
        Assert.Contains("no longer open", late.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.AidResponses.CountAsync(r => r.ItemId == item.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await aid.AnswerAsync(helper, 999_999_999)).StatusCode);
    }

    [Theory]
    [InlineData("answer", "text", "")]
    [InlineData("answer", "text", "long")]
    [InlineData("message", "text", "  ")]
    [InlineData("message", "text", "long")]
    [InlineData("thanks", "text", "")]
    [InlineData("unsafe", "reason", "long")]
    public async Task BadInputIsRefusedWithAMessageAndChangesNothing(string action, string field, string value)
    {
        var owner = await aid.MemberAsync("bowner");
        var helper = await aid.MemberAsync("bhelper");
        var item = await aid.ItemAsync(owner);
        var text = value == "long" ? new string('x', 5_001) : value;
        HttpResponseMessage response;
        long rid = 0;
        if (action == "answer")
        {
            response = await aid.AnswerAsync(helper, item.Id, text);
        }
        else
        {
            rid = long.Parse(await aid.AnsweredAsync(helper, item.Id), CultureInfo.InvariantCulture);
            await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/accept");
            response = action switch
            {
                "message" => await aid.PostAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/messages", (field, text)),
                "thanks" => await aid.PostAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/thanks", (field, text)),
                _ => await aid.PostAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/unsafe", (field, text)),
            };
        }
        var json = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.True(json.GetProperty("details").TryGetProperty(field, out _), json.ToString());
        Assert.Equal(action == "answer" ? 0 : 1, await app.WithDbAsync(db => db.AidMessages.CountAsync(m => m.AuthorId == helper.Id)));
        Assert.False(await app.WithDbAsync(db => db.AidThanks.AnyAsync(t => t.ToAccountId == helper.Id)));
        Assert.False(await app.WithDbAsync(db => db.AidEscalations.AnyAsync(e => e.RaisedById == helper.Id)));
        Assert.False(await app.WithDbAsync(db => db.AidResponses.AnyAsync(r => r.ItemId == item.Id && r.PausedAt != null)));
    }

    [Fact]
    public async Task AnotherMembersConversationIsNotFoundOnEveryMethod()
    {
        var owner = await aid.MemberAsync("xowner");
        var helper = await aid.MemberAsync("xhelper");
        var moderator = await aid.MemberAsync("xmod", UserRole.Moderator);
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        foreach (var other in new[] { await aid.MemberAsync("xother"), moderator, await aid.MemberAsync("xlead", lead: true) })
        {
            foreach (var (method, path) in new[]
            {
                ("GET", $"/api/v1/kindred/aid/responses/{rid}"), ("GET", $"/api/v1/kindred/aid/responses/{rid}/messages"),
                ("POST", $"/api/v1/kindred/aid/responses/{rid}/messages"), ("POST", $"/api/v1/kindred/aid/responses/{rid}/accept"),
                ("POST", $"/api/v1/kindred/aid/responses/{rid}/decline"), ("POST", $"/api/v1/kindred/aid/responses/{rid}/withdraw"),
                ("POST", $"/api/v1/kindred/aid/responses/{rid}/unsafe"), ("POST", $"/api/v1/kindred/aid/responses/{rid}/thanks"),
                ("GET", $"/api/v1/kindred/aid/{item.Id}/responses"), ("POST", $"/api/v1/kindred/aid/{item.Id}/fulfil"),
                ("GET", "/api/v1/kindred/aid/responses/999999999"),
            })
            {
                var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? AidFixtures.Form(("text", "hello")) : null };
                var response = await app.Api(other.Token).SendAsync(request);
                Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{other.Name} {method} {path}: {(int)response.StatusCode}");
            }
            Assert.Empty((await aid.GetOkAsync(other, "/api/v1/kindred/aid/responses")).EnumerateArray());
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.AidMessages.CountAsync(m => m.ResponseId == long.Parse(rid))));
        Assert.Equal(AidItemState.Open, await app.WithDbAsync(db => db.AidItems.Where(i => i.Id == item.Id).Select(i => i.State).FirstAsync()));
        Assert.Equal(AidResponseState.Pending, await app.WithDbAsync(db => db.AidResponses.Where(r => r.Id == long.Parse(rid)).Select(r => r.State).FirstAsync()));
    }

    [Fact]
    public async Task OnlyTheOwnerDecidesAndOnlyTheResponderWithdraws()
    {
        var owner = await aid.MemberAsync("downer");
        var helper = await aid.MemberAsync("dhelper");
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/accept")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/withdraw")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/thanks", ("text", "Too early"))).StatusCode);
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/accept");
        var withdrawn = await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/withdraw");
        Assert.Equal("withdrawn", withdrawn.GetProperty("state").GetString());
        // Nobody accepted any more: the item is open again, and the ended conversation takes no messages.
        Assert.Equal("open", withdrawn.GetProperty("item_state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "Hello?"))).StatusCode);

        var other = await aid.AnsweredAsync(await aid.MemberAsync("dother"), item.Id);
        var declined = await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{other}/decline");
        Assert.Equal("declined", declined.GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(owner, $"/api/v1/kindred/aid/responses/{other}/messages", ("text", "Sorry"))).StatusCode);
    }

    [Fact]
    public async Task IFeelUnsafePausesTheConversationUntilALeadResumesIt()
    {
        var owner = await aid.MemberAsync("uowner");
        var helper = await aid.MemberAsync("uhelper");
        var lead = await aid.MemberAsync("ulead", lead: true);
        var item = await aid.ItemAsync(owner, sensitive: true);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(lead.Token).GetAsync($"/api/v1/kindred/aid/responses/{rid}")).StatusCode);

        var escalation = await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/unsafe", ("reason", "He asked for my address straight away."));
        var eid = escalation.GetProperty("id").GetString()!;
        Assert.True(escalation.GetProperty("conversation").GetProperty("paused").GetBoolean());
        foreach (var party in new[] { owner, helper })
        {
            var refused = await KindredApp.Json(await aid.PostAsync(party, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "Still there?")), HttpStatusCode.Forbidden);
            Assert.Contains("paused", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        Assert.Equal(1, await aid.MessageCountAsync(long.Parse(rid)));

        // The lead now reads this conversation (and the queue), but does not write in it.
        var queue = await aid.GetOkAsync(lead, "/api/v1/kindred/safeguarding/escalations");
        Assert.Contains(queue.EnumerateArray(), e => e.GetProperty("id").GetString() == eid);
        Assert.Equal("lead", (await aid.GetOkAsync(lead, $"/api/v1/kindred/aid/responses/{rid}")).GetProperty("role").GetString());
        Assert.Single((await aid.GetOkAsync(lead, $"/api/v1/kindred/aid/responses/{rid}/messages")).EnumerateArray());
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(lead, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "Lead here"))).StatusCode);
        var detail = await aid.GetOkAsync(lead, $"/api/v1/kindred/safeguarding/escalations/{eid}");
        Assert.Equal("He asked for my address straight away.", detail.GetProperty("escalation").GetProperty("reason").GetString());

        var noNote = await KindredApp.Json(await aid.PostAsync(lead, $"/api/v1/kindred/safeguarding/escalations/{eid}/review", ("action", "resume")), HttpStatusCode.UnprocessableEntity);
        Assert.True(noNote.GetProperty("details").TryGetProperty("note", out _));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await aid.PostAsync(lead, $"/api/v1/kindred/safeguarding/escalations/{eid}/review", ("action", "maybe"), ("note", "x"))).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.AidEscalations.Where(e => e.Id == long.Parse(eid)).Select(e => e.ReviewedAt).FirstAsync()));

        var reviewed = await aid.PostOkAsync(lead, $"/api/v1/kindred/safeguarding/escalations/{eid}/review", ("action", "resume"), ("note", "Spoke to both; a misunderstanding."));
        Assert.True(reviewed.GetProperty("resumed").GetBoolean());
        Assert.False(reviewed.GetProperty("conversation").GetProperty("paused").GetBoolean());
        await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "Sorry, I should have explained."));
        Assert.Equal(HttpStatusCode.Conflict, (await aid.PostAsync(lead, $"/api/v1/kindred/safeguarding/escalations/{eid}/review", ("action", "close"), ("note", "again"))).StatusCode);
        Assert.DoesNotContain((await aid.GetOkAsync(lead, "/api/v1/kindred/safeguarding/escalations")).EnumerateArray(), e => e.GetProperty("id").GetString() == eid);
        Assert.Single((await aid.GetOkAsync(lead, "/api/v1/kindred/safeguarding/escalations?all=true")).EnumerateArray(), e => e.GetProperty("id").GetString() == eid);
    }

    [Fact]
    public async Task ALeadCanCloseTheConversationAndTheItemForGood()
    {
        var owner = await aid.MemberAsync("cowner");
        var helper = await aid.MemberAsync("chelper");
        var lead = await aid.MemberAsync("clead", lead: true);
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        var eid = (await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/unsafe")).GetProperty("id").GetString()!;
        var closed = await aid.PostOkAsync(lead, $"/api/v1/kindred/safeguarding/escalations/{eid}/review", ("action", "close"), ("note", "Not safe to go on."), ("close_item", "true"));
        Assert.False(closed.GetProperty("resumed").GetBoolean());
        Assert.True(closed.GetProperty("conversation").GetProperty("closed_by_safeguarding").GetBoolean());
        Assert.Equal("closed", closed.GetProperty("conversation").GetProperty("item_state").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "Hello?"))).StatusCode);
    }

    [Fact]
    public async Task ALeadReadsOnlyEscalatedAidConversationsAndNeverDirectMessages()
    {
        var owner = await aid.MemberAsync("gowner");
        var helper = await aid.MemberAsync("ghelper");
        var lead = await aid.MemberAsync("glead", lead: true);
        var item = await aid.ItemAsync(owner);
        var quiet = await aid.AnsweredAsync(helper, item.Id);
        var escalatedItem = await aid.ItemAsync(owner, sensitive: true);
        var escalated = await aid.AnsweredAsync(helper, escalatedItem.Id);
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{escalated}/unsafe");
        var dm = await app.PostStatusAsync(owner.Token, $"@{helper.Name} this is private between us", "direct");

        Assert.Equal(HttpStatusCode.OK, (await app.Api(lead.Token).GetAsync($"/api/v1/kindred/aid/responses/{escalated}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(lead.Token).GetAsync($"/api/v1/kindred/aid/responses/{quiet}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(lead.Token).GetAsync($"/api/v1/kindred/aid/responses/{quiet}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(lead.Token).GetAsync($"/api/v1/statuses/{dm.GetProperty("id").GetString()}")).StatusCode);
        Assert.Empty((await aid.GetOkAsync(lead, "/api/v1/conversations")).EnumerateArray());
        Assert.Empty((await aid.GetOkAsync(lead, "/api/v1/kindred/aid/responses")).EnumerateArray());
    }

    [Fact]
    public async Task AModeratorWhoIsNotALeadCannotSeeTheQueueNorReview()
    {
        var owner = await aid.MemberAsync("mowner");
        var helper = await aid.MemberAsync("mhelper");
        var moderator = await aid.MemberAsync("mmod", UserRole.Admin);
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        var eid = (await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/unsafe")).GetProperty("id").GetString()!;
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(moderator.Token).GetAsync("/api/v1/kindred/safeguarding/escalations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(moderator.Token).GetAsync($"/api/v1/kindred/safeguarding/escalations/{eid}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await aid.PostAsync(moderator, $"/api/v1/kindred/safeguarding/escalations/{eid}/review", ("action", "resume"), ("note", "I am staff"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(moderator.Token).GetAsync($"/api/v1/kindred/aid/responses/{rid}")).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.AidEscalations.Where(e => e.Id == long.Parse(eid)).Select(e => e.ReviewedAt).FirstAsync()));
        // A lead whose flag is taken away loses the queue too.
        var former = await aid.MemberAsync("mformer", lead: true);
        await aid.MakeLeadAsync(former, false);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(former.Token).GetAsync("/api/v1/kindred/safeguarding/escalations")).StatusCode);
    }

    [Fact]
    public async Task MessagesPageWithALinkHeaderAndMinId()
    {
        var owner = await aid.MemberAsync("powner");
        var helper = await aid.MemberAsync("phelper");
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id, "first");
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "second"));
        await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/messages", ("text", "third"));
        var first = await app.Api(owner.Token).GetAsync($"/api/v1/kindred/aid/responses/{rid}/messages?limit=2");
        var page = await KindredApp.Json(first, HttpStatusCode.OK);
        Assert.Equal(["third", "second"], page.EnumerateArray().Select(m => m.GetProperty("text").GetString()));
        var link = string.Join(",", first.Headers.GetValues("Link"));
        Assert.Contains("rel=\"next\"", link, StringComparison.Ordinal);
        var ids = (await aid.GetOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages")).EnumerateArray().Select(m => m.GetProperty("id").GetString()).ToList();
        var newer = await aid.GetOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages?limit=1&min_id={ids[2]}");
        Assert.Equal("second", Assert.Single(newer.EnumerateArray()).GetProperty("text").GetString());
        var older = await aid.GetOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/messages?max_id={ids[1]}");
        Assert.Equal("first", Assert.Single(older.EnumerateArray()).GetProperty("text").GetString());
        var none = await app.Api(owner.Token).GetAsync($"/api/v1/kindred/aid/responses/{rid}/messages?min_id={ids[0]}");
        Assert.Empty((await KindredApp.Json(none, HttpStatusCode.OK)).EnumerateArray());
        Assert.False(none.Headers.Contains("Link"));
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "POST", "/api/v1/kindred/aid/{item}/responses", "write" },
        { "GET", "/api/v1/kindred/aid/{item}/responses", "read" },
        { "POST", "/api/v1/kindred/aid/{item}/fulfil", "write" },
        { "GET", "/api/v1/kindred/aid/responses", "read" },
        { "GET", "/api/v1/kindred/aid/responses/{rid}", "read" },
        { "GET", "/api/v1/kindred/aid/responses/{rid}/messages", "read" },
        { "POST", "/api/v1/kindred/aid/responses/{rid}/messages", "write" },
        { "POST", "/api/v1/kindred/aid/responses/{rid}/accept", "write" },
        { "POST", "/api/v1/kindred/aid/responses/{rid}/decline", "write" },
        { "POST", "/api/v1/kindred/aid/responses/{rid}/withdraw", "write" },
        { "POST", "/api/v1/kindred/aid/responses/{rid}/unsafe", "write" },
        { "POST", "/api/v1/kindred/aid/responses/{rid}/thanks", "write" },
        { "POST", "/api/v1/kindred/aid/responses/{rid}/thanks/share", "write" },
        { "GET", "/api/v1/kindred/safeguarding/escalations", "read" },
        { "GET", "/api/v1/kindred/safeguarding/escalations/{eid}", "read" },
        { "POST", "/api/v1/kindred/safeguarding/escalations/{eid}/review", "write" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScopeAndAUser(string method, string path, string scope)
    {
        var owner = await aid.MemberAsync("scowner", lead: true);
        var helper = await aid.MemberAsync("schelper", lead: true);
        var item = await aid.ItemAsync(owner);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        var eid = (await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/unsafe")).GetProperty("id").GetString()!;
        var url = path.Replace("{item}", item.Id.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{rid}", rid, StringComparison.Ordinal).Replace("{eid}", eid, StringComparison.Ordinal);
        HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = method == "POST" ? AidFixtures.Form(("text", "hi")) : null };
        var lacking = await app.TokenAsync(owner.Name, scope == "read" ? "write" : "read");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read write")).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().SendAsync(Request())).StatusCode);
        Assert.Equal(1, await aid.MessageCountAsync(long.Parse(rid)));
        var right = await app.Api(await app.TokenAsync(owner.Name, scope)).SendAsync(Request());
        // With the scope, what answers is the method's own rule (some refuse the owner), never the scope check.
        Assert.NotEqual(HttpStatusCode.Unauthorized, right.StatusCode);
        Assert.DoesNotContain("outside the authorized scopes", await right.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheAidConversationsApi()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/kindred/aid/{id}/responses", out var responses));
        Assert.True(responses.TryGetProperty("post", out _));
        Assert.True(responses.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/v1/kindred/aid/responses/{rid}/unsafe", out _));
        Assert.True(paths.TryGetProperty("/api/v1/kindred/aid/responses/{rid}/messages", out _));
        Assert.True(paths.TryGetProperty("/api/v1/kindred/safeguarding/escalations/{eid}/review", out _));
        // Fulfil answers with the whole item, like close and reopen.
        var fulfil = paths.GetProperty("/api/v1/kindred/aid/{id}/fulfil").GetProperty("post").GetProperty("responses").GetProperty("200").ToString();
        Assert.Contains("AidItemDto", fulfil, StringComparison.Ordinal);
    }
}

public sealed class AidResponsesApiSqliteTests(SqliteApp app) : AidResponsesApiTests(app), IClassFixture<SqliteApp>;

public sealed class AidResponsesApiPostgresTests(PostgresApp app) : AidResponsesApiTests(app), IClassFixture<PostgresApp>;
