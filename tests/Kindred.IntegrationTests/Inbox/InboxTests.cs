using System.Net;
using System.Text.Json;
using Kindred.Core.Audit;
using Kindred.Core.Inbox;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Kindred.IntegrationTests.Inbox;

/// <summary>The staff "needs reply" inbox (ADR 66): what reaches it, who may use it, its states, the reply box's lease,
/// answering as the organization, and the API with the same rules.</summary>
public abstract class InboxTests(StaffApp app)
{
    private const string Organization = "helpinghands";

    private Task<long> OrganizationIdAsync() => app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId!.Value).SingleAsync());

    private Task<InboxConversation?> ConversationOfAsync(string statusId) =>
        app.WithDbAsync(db => (from m in db.InboxMessages
                               join c in db.InboxConversations on m.ConversationId equals c.Id
                               where m.StatusId == long.Parse(statusId, System.Globalization.CultureInfo.InvariantCulture)
                               select c).AsNoTracking().FirstOrDefaultAsync());

    private async Task<InboxConversation> MentionAsync(string member, string text = "hello")
    {
        var token = await app.TokenAsync(member);
        var status = await app.PostStatusAsync(token, $"@{Organization} {text}");
        return (await ConversationOfAsync(status.GetProperty("id").GetString()!))!;
    }

    [Fact]
    public async Task MentionsMessagesAndRepliesToTheOrganizationOpenConversationsAndOtherPostsDoNot()
    {
        await app.CreateUserAsync("ib_writer");
        await app.CreateUserAsync("ib_friend");
        var token = await app.TokenAsync("ib_writer");
        var mention = await app.PostStatusAsync(token, $"@{Organization} when is the next food drive?");
        var direct = await app.PostStatusAsync(token, $"@{Organization} a private question", "direct");
        var other = await app.PostStatusAsync(token, "@ib_friend nothing for the organization here");

        var organizationId = await OrganizationIdAsync();
        var announcement = await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(organizationId, new NewStatus("We meet on Saturday.", "http://localhost")));
        var reply = await app.PostStatusAsync(token, "Count me in!", inReplyToId: announcement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("mention", (await ConversationOfAsync(mention.GetProperty("id").GetString()!))?.Kind);
        Assert.Equal("direct", (await ConversationOfAsync(direct.GetProperty("id").GetString()!))?.Kind);
        Assert.Equal("reply", (await ConversationOfAsync(reply.GetProperty("id").GetString()!))?.Kind);
        Assert.Null(await ConversationOfAsync(other.GetProperty("id").GetString()!));
        // The organization's own post is nobody's question.
        Assert.Null(await ConversationOfAsync(announcement.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task OnlyStaffAdminsAndTheOwnerUseTheInboxPagesAndApi()
    {
        await app.CreateUserAsync("ib_rm_writer");
        var conversation = await MentionAsync("ib_rm_writer", "role matrix");
        var (_, member) = await app.SignedInAsync("ib_rm_member");
        var (_, moderator) = await app.SignedInAsync("ib_rm_moderator", UserRole.Moderator);
        var (_, lead) = await app.SignedInAsync("ib_rm_lead", lead: true);
        var (_, staff) = await app.SignedInAsync("ib_rm_staff", UserRole.Staff);
        var (_, admin) = await app.SignedInAsync("ib_rm_admin", UserRole.Admin);
        var (demotedUser, demoted) = await app.SignedInAsync("ib_rm_demoted", UserRole.Staff);
        var owner = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(owner, "owner", KindredApp.OwnerPassword);
        var pages = new[] { "/staff/inbox", $"/staff/inbox/{conversation.Id}", "/staff/inbox/replies" };

        foreach (var allowed in new[] { staff, admin, owner, demoted })
        {
            foreach (var page in pages)
            {
                Assert.Contains("ib_rm_writer", await Html.GetAsync(allowed, pages[0]), StringComparison.Ordinal);
                await Html.GetAsync(allowed, page);
            }
        }
        await app.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == demotedUser.Id)).Role = UserRole.Member;
            await db.SaveChangesAsync();
        });
        foreach (var refused in new[] { member, moderator, lead, demoted })
        {
            foreach (var page in pages)
            {
                var body = await Html.GetAsync(refused, page, HttpStatusCode.Forbidden);
                Assert.DoesNotContain("ib_rm_writer", body, StringComparison.Ordinal);
            }
        }
        foreach (var page in pages)
        {
            var signedOut = await app.Browser().GetAsync(page);
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        }

        var staffToken = await app.TokenAsync("ib_rm_staff", "admin:read admin:write");
        Assert.Equal(HttpStatusCode.OK, (await app.Api(staffToken).GetAsync("/api/v1/kindred/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(staffToken).GetAsync($"/api/v1/kindred/inbox/{conversation.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(await app.TokenAsync("owner", "admin:read")).GetAsync("/api/v1/kindred/inbox/figures")).StatusCode);
        // Staff without the admin scopes, a member with them, a moderator, an app without a member, nobody: refused.
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync("ib_rm_staff", "read write")).GetAsync("/api/v1/kindred/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync("ib_rm_member", "admin:read admin:write")).GetAsync("/api/v1/kindred/inbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync("ib_rm_moderator", "admin:read admin:write")).GetAsync($"/api/v1/kindred/inbox/{conversation.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(await app.TokenAsync("ib_rm_demoted", "admin:read admin:write")).PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/done", null)).StatusCode);
        var appOnly = await app.Api(await app.AppTokenAsync("read")).GetAsync("/api/v1/kindred/inbox");
        Assert.True(appOnly.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, appOnly.StatusCode.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/kindred/inbox")).StatusCode);
        // Refused writes changed nothing.
        Assert.Equal(InboxState.Open, (await app.WithDbAsync(db => db.InboxConversations.AsNoTracking().SingleAsync(c => c.Id == conversation.Id))).State);
    }

    [Fact]
    public async Task StaffAnswerAsTheOrganizationTheMemberSeesTheReplyAndTheAuditLogNamesTheStaffMember()
    {
        await app.CreateUserAsync("ib_an_writer");
        var conversation = await MentionAsync("ib_an_writer", "can I volunteer?");
        var (staffUser, staff) = await app.SignedInAsync("ib_an_staff", UserRole.Staff);
        var inbox = await Html.GetAsync(staff, "/staff/inbox");
        Assert.Contains($"/staff/inbox/{conversation.Id}", inbox, StringComparison.Ordinal);

        var posted = await Html.PostFormAsync(staff, $"/staff/inbox/{conversation.Id}?reply=1", "answer", new Dictionary<string, string> { ["Answer"] = "Yes, welcome!" });
        Assert.Contains("Your answer was sent as the organization.", await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var organizationId = await OrganizationIdAsync();
        var answer = await app.WithDbAsync(db => db.Statuses.AsNoTracking().SingleAsync(s => s.AccountId == organizationId && s.InReplyToId == conversation.FirstStatusId));
        Assert.Equal("@ib_an_writer Yes, welcome!", answer.Text);
        var after = await app.WithDbAsync(db => db.InboxConversations.AsNoTracking().SingleAsync(c => c.Id == conversation.Id));
        Assert.Equal(InboxState.Answered, after.State);
        Assert.NotNull(after.FirstAnsweredAt);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.OrganizationAct && e.TargetKind == "status" && e.TargetId == answer.Id));
        Assert.Equal(staffUser.Id, entry.ActorId);

        // The member reads the organization's reply in their notifications, and nothing there names the staff member.
        var memberToken = await app.TokenAsync("ib_an_writer");
        var notifications = await app.Api(memberToken).GetStringAsync("/api/v1/notifications");
        Assert.Contains("Yes, welcome!", notifications, StringComparison.Ordinal);
        Assert.DoesNotContain("ib_an_staff", notifications, StringComparison.Ordinal);
        Assert.DoesNotContain($"/staff/inbox/{conversation.Id}\"", await Html.GetAsync(staff, "/staff/inbox"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoneAndAnsweredConversationsOpenAgainAtANewMessage()
    {
        await app.CreateUserAsync("ib_re_writer");
        var conversation = await MentionAsync("ib_re_writer", "first");
        var (_, staff) = await app.SignedInAsync("ib_re_staff", UserRole.Staff);
        await Html.PostFormAsync(staff, $"/staff/inbox/{conversation.Id}", "done", new Dictionary<string, string> { ["DoneIt"] = "1" });
        Assert.Equal(InboxState.Done, (await app.WithDbAsync(db => db.InboxConversations.AsNoTracking().SingleAsync(c => c.Id == conversation.Id))).State);
        Assert.Contains($"/staff/inbox/{conversation.Id}\"", await Html.GetAsync(staff, "/staff/inbox?show=closed"), StringComparison.Ordinal);
        Assert.Equal(AuditActions.InboxDone, await app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetKind == "inbox_conversation" && e.TargetId == conversation.Id).Select(e => e.Action).SingleAsync()));

        var token = await app.TokenAsync("ib_re_writer");
        var followUp = await app.PostStatusAsync(token, "one more thing", inReplyToId: conversation.FirstStatusId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var reopened = await ConversationOfAsync(followUp.GetProperty("id").GetString()!);
        Assert.Equal(conversation.Id, reopened!.Id);
        Assert.Equal(InboxState.Open, reopened.State);
        Assert.True(reopened.WaitingSince > conversation.WaitingSince);
        Assert.Contains($"/staff/inbox/{conversation.Id}\"", await Html.GetAsync(staff, "/staff/inbox"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASnoozedConversationWaitsAgainWhenItsTimeComes()
    {
        await app.CreateUserAsync("ib_sn_writer");
        var conversation = await MentionAsync("ib_sn_writer", "snooze me");
        var staff = await app.CreateUserAsync("ib_sn_staff", UserRole.Staff);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        Task<IReadOnlyList<InboxRow>> ListAsync(InboxShow show) =>
            app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<InboxQueries>(s, (TimeProvider)clock).ListAsync(staff.Id, new InboxFilter(show)));

        await app.WithServicesAsync(async s =>
        {
            await ActivatorUtilities.CreateInstance<InboxService>(s, (TimeProvider)clock).SnoozeAsync(staff.Id, conversation.Id, clock.GetUtcNow().UtcDateTime.AddHours(3));
            return true;
        });
        Assert.DoesNotContain(await ListAsync(InboxShow.Open), r => r.Id == conversation.Id);
        Assert.Contains(await ListAsync(InboxShow.Closed), r => r.Id == conversation.Id);
        var snoozed = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.InboxSnooze && e.TargetId == conversation.Id));
        Assert.Equal(staff.Id, snoozed.ActorId);

        clock.Advance(TimeSpan.FromHours(3));
        Assert.Contains(await ListAsync(InboxShow.Open), r => r.Id == conversation.Id && r.State == InboxState.Open);
        Assert.DoesNotContain(await ListAsync(InboxShow.Closed), r => r.Id == conversation.Id);

        // A time in the past, or too far ahead, is refused and changes nothing.
        var token = await app.TokenAsync("ib_sn_staff", "admin:write");
        var past = await app.Api(token).PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/snooze", new FormUrlEncodedContent(new Dictionary<string, string> { ["until"] = "2001-01-01T00:00:00Z" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, past.StatusCode);
    }

    [Fact]
    public async Task AssigningDecidesMineAndUnassigned()
    {
        await app.CreateUserAsync("ib_as_writer");
        var conversation = await MentionAsync("ib_as_writer", "assign me");
        await app.CreateUserAsync("ib_as_staff", UserRole.Staff);
        await app.CreateUserAsync("ib_as_colleague", UserRole.Staff);
        await app.CreateUserAsync("ib_as_member");
        var token = await app.TokenAsync("ib_as_staff", "admin:read admin:write");
        var colleague = await app.TokenAsync("ib_as_colleague", "admin:read");
        var api = app.Api(token);

        async Task<bool> InAsync(HttpClient client, string show) =>
            (await KindredApp.Json(await client.GetAsync($"/api/v1/kindred/inbox?show={show}"), HttpStatusCode.OK)).EnumerateArray()
                .Any(c => c.GetProperty("id").GetString() == conversation.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(await InAsync(api, "unassigned"));
        Assert.False(await InAsync(api, "mine"));
        var assigned = await KindredApp.Json(await api.PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/assign",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "ib_as_colleague" })), HttpStatusCode.OK);
        Assert.Equal("ib_as_colleague", assigned.GetProperty("assigned_to").GetString());
        Assert.False(await InAsync(api, "unassigned"));
        Assert.False(await InAsync(api, "mine"));
        Assert.True(await InAsync(app.Api(colleague), "mine"));

        // A member cannot be given the conversation; the assignment stays as it was.
        var refused = await api.PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/assign", new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "ib_as_member" }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.True(await InAsync(app.Api(colleague), "mine"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await api.GetAsync("/api/v1/kindred/inbox?show=everything")).StatusCode);

        // The one assignment that happened is in the audit log; the refused one left nothing.
        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == AuditActions.InboxAssign && e.TargetId == conversation.Id).ToListAsync());
        Assert.Equal("Assigned an inbox conversation to @ib_as_colleague.", Assert.Single(logged).Summary);
    }

    [Fact]
    public async Task TwoStaffAnsweringAtOnceAnswerOnceUnlessTheSecondConfirms()
    {
        await app.CreateUserAsync("ib_tw_writer");
        var conversation = await MentionAsync("ib_tw_writer", "who answers?");
        var (_, first) = await app.SignedInAsync("ib_tw_first", UserRole.Staff);
        await app.CreateUserAsync("ib_tw_second", UserRole.Staff);
        var second = app.Api(await app.TokenAsync("ib_tw_second", "admin:read admin:write"));
        var seen = conversation.LastStatusId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // The first opens the reply box: the second sees who is replying, and an answer from them is refused.
        await Html.GetAsync(first, $"/staff/inbox/{conversation.Id}?reply=1");
        var listed = await KindredApp.Json(await second.GetAsync($"/api/v1/kindred/inbox/{conversation.Id}"), HttpStatusCode.OK);
        Assert.Equal("ib_tw_first", listed.GetProperty("replying").GetString());
        var refused = await second.PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/answer", Form(("text", "Me first"), ("last_status_id", seen)));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("ib_tw_first is replying", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var answered = await Html.PostFormAsync(first, $"/staff/inbox/{conversation.Id}?reply=1", "answer", new Dictionary<string, string> { ["Answer"] = "Answered once", ["Seen"] = seen });
        Assert.Contains("Your answer was sent as the organization.", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The second still holds the old page: the conversation moved on, so their answer needs confirming.
        var stale = await second.PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/answer", Form(("text", "Me too"), ("last_status_id", seen)));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var organizationId = await OrganizationIdAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == organizationId && s.Text.Contains("ib_tw_writer"))));

        var confirmed = await second.PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/answer", Form(("text", "And a second thought"), ("last_status_id", seen), ("confirm", "true")));
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == organizationId && s.Text.Contains("ib_tw_writer"))));
    }

    [Fact]
    public async Task TwoAnswersSentAtTheSameMomentMakeOneReply()
    {
        await app.CreateUserAsync("ib_race_writer");
        var conversation = await MentionAsync("ib_race_writer", "race");
        await app.CreateUserAsync("ib_race_a", UserRole.Staff);
        await app.CreateUserAsync("ib_race_b", UserRole.Staff);
        var a = app.Api(await app.TokenAsync("ib_race_a", "admin:write"));
        var b = app.Api(await app.TokenAsync("ib_race_b", "admin:write"));
        var seen = conversation.LastStatusId.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var results = await Task.WhenAll(
            a.PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/answer", Form(("text", "from a"), ("last_status_id", seen))),
            b.PostAsync($"/api/v1/kindred/inbox/{conversation.Id}/answer", Form(("text", "from b"), ("last_status_id", seen))));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], results.Select(r => r.StatusCode).Order());
        var organizationId = await OrganizationIdAsync();
        Assert.Equal(1, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == organizationId && s.Text.Contains("ib_race_writer"))));
    }

    [Fact]
    public async Task SavedRepliesAreWrittenEditedDeletedAndInsertedIntoTheReplyBox()
    {
        await app.CreateUserAsync("ib_sr_writer");
        var conversation = await MentionAsync("ib_sr_writer", "opening hours?");
        var (_, staff) = await app.SignedInAsync("ib_sr_staff", UserRole.Staff);
        await Html.PostFormAsync(staff, "/staff/inbox/replies", "add-reply", new Dictionary<string, string> { ["NewTitle"] = "Hours", ["NewText"] = "We are open 9 to 5." });
        var reply = await app.WithDbAsync(db => db.SavedReplies.AsNoTracking().SingleAsync(r => r.Title == "Hours"));

        var box = await Html.GetAsync(staff, $"/staff/inbox/{conversation.Id}?reply=1&saved={reply.Id}");
        Assert.Contains(">We are open 9 to 5.</textarea>", box, StringComparison.Ordinal);

        await Html.PostFormAsync(staff, "/staff/inbox/replies", "edit-reply", new Dictionary<string, string>
        {
            ["EditReply"] = reply.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"title-{reply.Id}"] = "Opening hours",
            [$"text-{reply.Id}"] = "We are open 10 to 4.",
        });
        var edited = await app.WithDbAsync(db => db.SavedReplies.AsNoTracking().SingleAsync(r => r.Id == reply.Id));
        Assert.Equal(("Opening hours", "We are open 10 to 4."), (edited.Title, edited.Text));

        var empty = await Html.PostFormAsync(staff, "/staff/inbox/replies", "add-reply", new Dictionary<string, string> { ["NewTitle"] = "", ["NewText"] = "no title" });
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.SavedReplies.AnyAsync(r => r.Text == "no title")));

        await Html.PostFormAsync(staff, "/staff/inbox/replies", "edit-reply", new Dictionary<string, string> { ["DeleteReply"] = reply.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.False(await app.WithDbAsync(db => db.SavedReplies.AnyAsync(r => r.Id == reply.Id)));
    }

    [Fact]
    public async Task TheConsoleCountsWhatWaitsInTheInboxForStaffOnly()
    {
        var (_, staff) = await app.SignedInAsync("ib_cc_staff", UserRole.Staff);
        var (_, moderator) = await app.SignedInAsync("ib_cc_moderator", UserRole.Moderator);
        await app.CreateUserAsync("ib_cc_writer");
        await MentionAsync("ib_cc_writer", "count me");
        var open = await app.WithServicesAsync(s => s.GetRequiredService<InboxQueries>().FiguresAsync(
            s.GetRequiredService<KindredDbContext>().Users.Single(u => u.UserName == "ib_cc_staff").Id));

        var page = await Html.GetAsync(staff, "/staff");
        Assert.Contains($"id=\"console-needs-reply\">{open.Open}</data>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/staff/inbox\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("console-needs-reply", await Html.GetAsync(moderator, "/staff"), StringComparison.Ordinal);
        Assert.Contains($"id=\"inbox-open\">{open.Open}</data>", await Html.GetAsync(staff, "/staff/inbox"), StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));
}

public sealed class InboxSqliteTests(StaffSqliteApp app) : InboxTests(app), IClassFixture<StaffSqliteApp>;

public sealed class InboxPostgresTests(StaffPostgresApp app) : InboxTests(app), IClassFixture<StaffPostgresApp>;
