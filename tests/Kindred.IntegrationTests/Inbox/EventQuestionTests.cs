using System.Globalization;
using System.Net;
using Kindred.Core.Common;
using Kindred.Core.Events;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Staff;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Inbox;

/// <summary>"Ask the organizers" on the organization's events (ADR 76): open questions join the event's discussion,
/// private ones are direct messages, and both reach the staff inbox as event questions that staff answer as the
/// organization.</summary>
public abstract class EventQuestionTests(StaffApp app)
{
    private Task<long> OrganizationIdAsync() => app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId!.Value).SingleAsync());

    private Task<Event> EventAsync(long organizer, string title, EventVisibility visibility) =>
        app.WithServicesAsync(s => s.GetRequiredService<EventService>().CreateAsync(organizer, new EventInput
        {
            Title = title,
            StartsAt = DateTimeOffset.UtcNow.AddDays(10),
            EndsAt = DateTimeOffset.UtcNow.AddDays(10).AddHours(2),
            TimeZone = "Europe/London",
            Mode = EventMode.InPerson,
            PlaceName = "Community hall",
            Visibility = visibility,
        }));

    private Task<Status> QuestionOfAsync(long askerId, long statusId) =>
        app.WithDbAsync(db => db.Statuses.AsNoTracking().SingleAsync(s => s.AccountId == askerId && s.InReplyToId == statusId));

    private Task<InboxConversation> ConversationOfAsync(long statusId) =>
        app.WithDbAsync(db => (from m in db.InboxMessages
                               join c in db.InboxConversations on m.ConversationId equals c.Id
                               where m.StatusId == statusId
                               select c).AsNoTracking().SingleAsync());

    [Fact]
    public async Task AQuestionAskedOnTheEventPageReachesTheInboxAsAnEventQuestionAndTheMemberReadsTheAnswer()
    {
        var ev = await EventAsync(await OrganizationIdAsync(), "Riverside food drive", EventVisibility.Public);
        var (asker, member) = await app.SignedInAsync("eq_asker");
        Assert.Contains("Ask the organizers", await Html.GetAsync(member, $"/events/{ev.Id}"), StringComparison.Ordinal);

        var asked = await Html.PostFormAsync(member, $"/events/{ev.Id}", "event-question", new Dictionary<string, string> { ["Question"] = "Can I bring my dog?" });
        Assert.Contains("Your question is in the discussion.", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var question = await QuestionOfAsync(asker.Id, ev.StatusId!.Value);
        // The event's audience: a public event's discussion is public.
        Assert.Equal(Audience.Public, question.Visibility);
        var conversation = await ConversationOfAsync(question.Id);
        Assert.Equal("event", conversation.Kind);

        var (_, staff) = await app.SignedInAsync("eq_staff", UserRole.Staff);
        var inbox = await Html.GetAsync(staff, "/staff/inbox");
        Assert.Contains("Question about an event", inbox, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/events/{ev.Id}\">Riverside food drive</a>", inbox, StringComparison.Ordinal);
        Assert.Contains($"id=\"inbox-event\"", await Html.GetAsync(staff, $"/staff/inbox/{conversation.Id}"), StringComparison.Ordinal);

        var answered = await Html.PostFormAsync(staff, $"/staff/inbox/{conversation.Id}?reply=1", "answer", new Dictionary<string, string> { ["Answer"] = "Dogs are welcome." });
        Assert.Contains("Your answer was sent as the organization.", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notifications = await app.Api(await app.TokenAsync("eq_asker")).GetStringAsync("/api/v1/notifications");
        Assert.Contains("Dogs are welcome.", notifications, StringComparison.Ordinal);
        Assert.Contains("Dogs are welcome.", await Html.GetAsync(member, $"/events/{ev.Id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APrivateQuestionAndItsAnswerAreSeenByTheMemberAndTheOrganizationOnly()
    {
        var organizationId = await OrganizationIdAsync();
        var ev = await EventAsync(organizationId, "Members' planning evening", EventVisibility.Members);
        var (asker, member) = await app.SignedInAsync("eq_private");
        var (_, other) = await app.SignedInAsync("eq_other");

        var asked = await Html.PostFormAsync(member, $"/events/{ev.Id}", "event-question",
            new Dictionary<string, string> { ["Question"] = "Is there step-free access? I use a wheelchair.", ["Privately"] = "true" });
        Assert.Contains("Your question was sent privately to the organizers.", await asked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var question = await QuestionOfAsync(asker.Id, ev.StatusId!.Value);
        Assert.Equal(Audience.Direct, question.Visibility);
        var conversation = await ConversationOfAsync(question.Id);
        Assert.Equal("event", conversation.Kind);

        var id = question.Id.ToString(CultureInfo.InvariantCulture);
        var otherToken = await app.TokenAsync("eq_other");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(otherToken).GetAsync($"/api/v1/statuses/{id}")).StatusCode);
        Assert.DoesNotContain("wheelchair", await Html.GetAsync(other, $"/events/{ev.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("wheelchair", await app.Api(otherToken).GetStringAsync($"/api/v1/statuses/{ev.StatusId}/context"), StringComparison.Ordinal);

        var (_, staff) = await app.SignedInAsync("eq_private_staff", UserRole.Staff);
        await Html.PostFormAsync(staff, $"/staff/inbox/{conversation.Id}?reply=1", "answer", new Dictionary<string, string> { ["Answer"] = "Yes, the ramp is at the side door." });
        var answer = await app.WithDbAsync(db => db.Statuses.AsNoTracking().SingleAsync(s => s.AccountId == organizationId && s.InReplyToId == question.Id));
        Assert.Equal(Audience.Direct, answer.Visibility);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(otherToken).GetAsync($"/api/v1/statuses/{answer.Id}")).StatusCode);
        Assert.Contains("the ramp is at the side door", await app.Api(await app.TokenAsync("eq_private")).GetStringAsync("/api/v1/notifications"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReplyToTheEventPostIsAnEventQuestionAndOnlyTheOrganizationsEventsTakeQuestions()
    {
        var ev = await EventAsync(await OrganizationIdAsync(), "Litter pick", EventVisibility.Public);
        await app.CreateUserAsync("eq_api");
        var reply = await app.PostStatusAsync(await app.TokenAsync("eq_api"), "What should I wear?", inReplyToId: ev.StatusId!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("event", (await ConversationOfAsync(long.Parse(reply.GetProperty("id").GetString()!, CultureInfo.InvariantCulture))).Kind);

        // A member's own event: no form, and asking is a 404.
        var (organizer, _) = await app.SignedInAsync("eq_organizer");
        var theirs = await EventAsync(organizer.Id, "Street party", EventVisibility.Public);
        var (asker, member) = await app.SignedInAsync("eq_nosy");
        Assert.DoesNotContain("Ask the organizers", await Html.GetAsync(member, $"/events/{theirs.Id}"), StringComparison.Ordinal);
        var refused = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s =>
            s.GetRequiredService<OrganizerQuestions>().AskAsync(asker.Id, theirs.Id, "Hello?", false, "http://localhost")));
        Assert.Equal(ErrorKind.NotFound, refused.Kind);
        // Signed out: the event shows, the form does not.
        Assert.DoesNotContain("Ask the organizers", await Html.GetAsync(app.Browser(), $"/events/{ev.Id}"), StringComparison.Ordinal);
        // An empty question is refused and posts nothing.
        var empty = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s =>
            s.GetRequiredService<OrganizerQuestions>().AskAsync(asker.Id, ev.Id, "  ", false, "http://localhost")));
        Assert.Equal(ErrorKind.Invalid, empty.Kind);
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.AccountId == asker.Id)));
    }
}

public sealed class EventQuestionSqliteTests(StaffSqliteApp app) : EventQuestionTests(app), IClassFixture<StaffSqliteApp>;

public sealed class EventQuestionPostgresTests(StaffPostgresApp app) : EventQuestionTests(app), IClassFixture<StaffPostgresApp>;
