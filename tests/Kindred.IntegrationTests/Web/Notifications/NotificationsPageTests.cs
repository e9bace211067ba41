using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kindred.Core.Aid;
using Kindred.Core.Events;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Notifications;

/// <summary>
/// The notifications page (ADR 85): a sentence and a link for every type Kindred writes, grouped cards with faces and
/// counts, tabs that narrow without JavaScript, and words quoted only from posts the member may read.
/// </summary>
public abstract partial class NotificationsPageTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static long L(JsonElement status) => long.Parse(status.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);

    /// <summary>Writes a notification through the one writer, past the rule (as duties and reminders are written).</summary>
    private async Task NotifyAsync(string type, long recipient, long from, NotificationAbout about) =>
        await app.WithServicesAsync(async s =>
        {
            s.GetRequiredService<Notify>().AddRegardless(DateTime.UtcNow, type, recipient, from, about);
            return await s.GetRequiredService<KindredDbContext>().SaveChangesAsync();
        });

    /// <summary>The cards of a page, each as its type and its markup.</summary>
    private static List<(string Type, string Html)> Cards(string page) =>
        CardPattern().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();

    [GeneratedRegex("<li class=\"notification[^\"]*\" data-type=\"([^\"]+)\">(.*?)</li>", RegexOptions.Singleline)]
    private static partial Regex CardPattern();

    [Fact]
    public async Task EveryTypeKindredWritesHasItsOwnSentenceAndLeadsToItsPlace()
    {
        var viewer = await app.CreateUserAsync("np_every_viewer", UserRole.Moderator);
        var viewerToken = await app.TokenAsync("np_every_viewer");
        var sender = await app.CreateUserAsync("np_every_sender");
        var senderToken = await app.TokenAsync("np_every_sender");
        await app.CreateUserAsync("np_every_target");
        var status = L(await app.PostStatusAsync(viewerToken, "Soup kitchen on Friday, who is in?"));
        var group = await TestGroups.CreateAsync(app, "np-every-group", GroupVisibility.Public, viewer.Id);
        var ev = await app.WithServicesAsync(s => s.GetRequiredService<EventService>().CreateAsync(viewer.Id, new EventInput
        {
            Title = "Riverside litter pick",
            Description = "Gloves provided.",
            StartsAt = DateTimeOffset.UtcNow.AddDays(10),
            EndsAt = DateTimeOffset.UtcNow.AddDays(10).AddHours(2),
            TimeZone = "Europe/London",
            Mode = EventMode.Online,
            OnlineUrl = "https://meet.example.org/litter",
            Visibility = EventVisibility.Public,
        }));
        var item = await app.WithServicesAsync(s => s.GetRequiredService<AidService>().CreateAsync(viewer.Id, new AidInput
        {
            Kind = AidKind.Request,
            Category = "childcare",
            Title = "Someone to fetch my son from school",
            Description = "Tuesdays after school.",
            Audience = AidAudience.Members,
            AnswerPolicy = AidAnswerPolicy.Anyone,
            ClearLocation = true,
        }));
        // A real report, so the moderator's notification is the one the report service writes.
        var target = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "np_every_target").Select(a => a.Id).SingleAsync());
        await KindredApp.Json(await app.Api(senderToken).PostAsync("/api/v1/reports", new FormUrlEncodedContent([KeyValuePair.Create("account_id", S(target)), KeyValuePair.Create("comment", "Rude in the food bank thread")])), HttpStatusCode.OK);
        var report = await app.WithDbAsync(db => db.Reports.Where(r => r.TargetAccountId == target).Select(r => r.Id).SingleAsync());

        var statusPath = $"/@np_every_viewer/{status}";
        var expected = new Dictionary<string, (NotificationAbout About, string Link)>
        {
            [NotificationTypes.Mention] = (new(StatusId: status), statusPath),
            [NotificationTypes.Status] = (new(StatusId: status), statusPath),
            [NotificationTypes.Reblog] = (new(StatusId: status), statusPath),
            [NotificationTypes.Follow] = (new(), "/@np_every_sender"),
            [NotificationTypes.FollowRequest] = (new(), "/settings/follow-requests"),
            [NotificationTypes.Favourite] = (new(StatusId: status), statusPath),
            [NotificationTypes.Update] = (new(StatusId: status), statusPath),
            [NotificationTypes.Poll] = (new(StatusId: status), statusPath),
            [NotificationTypes.AdminReport] = (new(ReportId: report), $"/moderation/reports/{report}"),
            [NotificationTypes.ApplicationWaiting] = (new(), "/admin/applications"),
            [NotificationTypes.ModerationWarning] = (new(), "/settings/warnings"),
            [NotificationTypes.GroupRequest] = (new(GroupId: group.Id), "/groups/np-every-group/admin/requests"),
            [NotificationTypes.GroupApproval] = (new(GroupId: group.Id), "/groups/np-every-group"),
            [NotificationTypes.AidMatch] = (new(AidItemId: item.Id), $"/aid/{item.Id}"),
            [NotificationTypes.AidResponse] = (new(AidItemId: item.Id), $"/aid/{item.Id}/responses"),
            [NotificationTypes.AidAccepted] = (new(AidItemId: item.Id), "/aid/conversations"),
            [NotificationTypes.AidMessage] = (new(AidItemId: item.Id), "/aid/conversations"),
            [NotificationTypes.AidClosingSoon] = (new(AidItemId: item.Id), $"/aid/{item.Id}"),
            [NotificationTypes.AidEscalation] = (new(AidItemId: item.Id), "/safeguarding/escalations"),
            [NotificationTypes.AidThanks] = (new(AidItemId: item.Id), "/aid/conversations"),
            [NotificationTypes.AidReviewResumed] = (new(AidItemId: item.Id), "/aid/conversations"),
            [NotificationTypes.AidReviewClosed] = (new(AidItemId: item.Id), "/aid/conversations"),
            [NotificationTypes.SafetyEscalation] = (new(), "/safeguarding/safety"),
            [NotificationTypes.EventReminder] = (new(EventId: ev.Id), $"/events/{ev.Id}"),
            [NotificationTypes.EventUpdate] = (new(EventId: ev.Id), $"/events/{ev.Id}"),
            [NotificationTypes.EventParticipationAccepted] = (new(EventId: ev.Id), $"/events/{ev.Id}"),
            [NotificationTypes.EventFollowUp] = (new(EventId: ev.Id), $"/events/{ev.Id}"),
        };
        // A type added to Kindred without a line here fails this test first.
        Assert.Equal(NotificationTypes.All.Order(StringComparer.Ordinal), expected.Keys.Order(StringComparer.Ordinal));
        // Reviews, warnings, applications and closing reminders come "from" the member themselves, as their writers send them.
        string[] fromSelf = [NotificationTypes.AidReviewResumed, NotificationTypes.AidReviewClosed, NotificationTypes.ModerationWarning, NotificationTypes.ApplicationWaiting, NotificationTypes.AidClosingSoon];
        foreach (var (type, (about, _)) in expected.Where(e => e.Key != NotificationTypes.AdminReport))
        {
            await NotifyAsync(type, viewer.Id, fromSelf.Contains(type) ? viewer.Id : sender.Id, about);
        }

        var browser = await SignedInAsync("np_every_viewer");
        foreach (var culture in new[] { "en", "fr" })
        {
            var page = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/notifications?culture=" + culture));
            var cards = Cards(page);
            foreach (var (type, (_, link)) in expected)
            {
                var card = Assert.Single(cards, c => c.Type == type).Html;
                Assert.Contains($"href=\"{link}\"", card, StringComparison.Ordinal);
                Assert.DoesNotContain(culture == "en" ? "did something" : "a fait quelque chose", card, StringComparison.Ordinal);
                Assert.Contains("<time datetime=", card, StringComparison.Ordinal);
            }
            Assert.Equal(expected.Count, cards.Count);
        }
        var english = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/notifications"));
        var reported = Assert.Single(Cards(english), c => c.Type == NotificationTypes.AdminReport).Html;
        Assert.Contains("np_every_sender reported np_every_target", reported, StringComparison.Ordinal);
        // The post is quoted where a post is what happened; the aid item's title where it is an aid item.
        Assert.Contains("Soup kitchen on Friday", Assert.Single(Cards(english), c => c.Type == NotificationTypes.Favourite).Html, StringComparison.Ordinal);
        Assert.Contains("Someone to fetch my son from school", Assert.Single(Cards(english), c => c.Type == NotificationTypes.AidMatch).Html, StringComparison.Ordinal);
        // A review comes "from" the member's own side and names no lead: no face on the card.
        Assert.DoesNotContain("<img", Assert.Single(Cards(english), c => c.Type == NotificationTypes.AidReviewClosed).Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FavouritesOfOnePostAreOneCardWithTheFirstFacesAndHowManyOthers()
    {
        await app.CreateUserAsync("np_group_owner");
        var owner = await app.TokenAsync("np_group_owner");
        var ownerId = (await KindredApp.Json(await app.Api(owner).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK)).GetProperty("id").GetString()!;
        var post = S(L(await app.PostStatusAsync(owner, "Thank you all for the bake sale")));
        var fans = new List<string>();
        foreach (var name in new[] { "np_group_fan1", "np_group_fan2", "np_group_fan3", "np_group_fan4", "np_group_fan5" })
        {
            await app.CreateUserAsync(name);
            var token = await app.TokenAsync(name);
            await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/statuses/{post}/favourite", new FormUrlEncodedContent([])), HttpStatusCode.OK);
            fans.Add(token);
        }
        foreach (var token in fans.Take(2))
        {
            await KindredApp.Json(await app.Api(token).PostAsync($"/api/v1/accounts/{ownerId}/follow", new FormUrlEncodedContent([])), HttpStatusCode.OK);
        }

        var browser = await SignedInAsync("np_group_owner");
        var page = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/notifications"));
        var favourites = Assert.Single(Cards(page), c => c.Type == NotificationTypes.Favourite).Html;
        Assert.Contains("np_group_fan5 and 4 others favourited your post", favourites, StringComparison.Ordinal);
        Assert.Contains("Thank you all for the bake sale", favourites, StringComparison.Ordinal);
        // The newest four faces, each leading to its profile.
        Assert.Equal(4, Regex.Count(favourites, "<img class=\"avatar\""));
        Assert.Contains("href=\"/@np_group_fan5\"", favourites, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/@np_group_fan1\"", favourites, StringComparison.Ordinal);
        var follows = Assert.Single(Cards(page), c => c.Type == NotificationTypes.Follow).Html;
        Assert.Contains("np_group_fan2 and one other followed you", follows, StringComparison.Ordinal);

        var french = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/notifications?culture=fr"));
        Assert.Contains("np_group_fan5 et 4 autres personnes ont ajouté votre publication à leurs favoris", french, StringComparison.Ordinal);
        Assert.Contains("np_group_fan2 et une autre personne vous suivent", french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TabsNarrowTheListMarkTheCurrentOneAndTheStaffTabIsForStaffOnly()
    {
        var member = await app.CreateUserAsync("np_tabs_member");
        var memberToken = await app.TokenAsync("np_tabs_member");
        var moderator = await app.CreateUserAsync("np_tabs_moderator", UserRole.Moderator);
        await app.CreateUserAsync("np_tabs_friend");
        var friend = await app.TokenAsync("np_tabs_friend");
        await KindredApp.Json(await app.Api(friend).PostAsync($"/api/v1/accounts/{S(member.Id)}/follow", new FormUrlEncodedContent([])), HttpStatusCode.OK);
        await app.PostStatusAsync(friend, "See you at the allotment, @np_tabs_member");
        var group = await TestGroups.CreateAsync(app, "np-tabs-group", GroupVisibility.Public, moderator.Id);
        await NotifyAsync(NotificationTypes.GroupApproval, member.Id, moderator.Id, new NotificationAbout(GroupId: group.Id));
        var rude = await app.CreateUserAsync("np_tabs_rude");
        await KindredApp.Json(await app.Api(memberToken).PostAsync("/api/v1/reports", new FormUrlEncodedContent([KeyValuePair.Create("account_id", S(rude.Id))])), HttpStatusCode.OK);

        var browser = await SignedInAsync("np_tabs_member");
        var all = await Html.GetAsync(browser, "/notifications");
        Assert.Equal(["group_approval", "mention", "follow"], Cards(all).Select(c => c.Type).ToList());
        Assert.Contains("<a href=\"/notifications\" aria-current=\"page\">All</a>", all, StringComparison.Ordinal);
        Assert.DoesNotContain("filter=staff", all, StringComparison.Ordinal);

        var mentions = await Html.GetAsync(browser, "/notifications?filter=mentions");
        Assert.Equal(["mention"], Cards(mentions).Select(c => c.Type).ToList());
        Assert.Contains("<a href=\"/notifications?filter=mentions\" aria-current=\"page\">Mentions</a>", mentions, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/notifications\">All</a>", mentions, StringComparison.Ordinal);
        Assert.Equal(["group_approval"], Cards(await Html.GetAsync(browser, "/notifications?filter=groups")).Select(c => c.Type).ToList());
        Assert.Empty(Cards(await Html.GetAsync(browser, "/notifications?filter=events")));
        Assert.Empty(Cards(await Html.GetAsync(browser, "/notifications?filter=help")));
        // A member has no staff tab, and asking for it (or for a tab that does not exist) is a clear 400 that lists nothing.
        foreach (var bad in new[] { "staff", "everything", "MENTIONS" })
        {
            var refused = await Html.GetAsync(browser, "/notifications?filter=" + bad, HttpStatusCode.BadRequest);
            Assert.Contains("There is no such kind of notifications here.", refused, StringComparison.Ordinal);
            Assert.Empty(Cards(refused));
        }

        var staffBrowser = await SignedInAsync("np_tabs_moderator");
        var staffAll = await Html.GetAsync(staffBrowser, "/notifications");
        Assert.Contains("href=\"/notifications?filter=staff\"", staffAll, StringComparison.Ordinal);
        var staff = await Html.GetAsync(staffBrowser, "/notifications?filter=staff");
        Assert.Equal([NotificationTypes.AdminReport], Cards(staff).Select(c => c.Type).ToList());
        Assert.Contains("aria-current=\"page\">Staff</a>", staff, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMemberIsQuotedOnlyWhatTheyMayReadAtEveryVisibility()
    {
        var author = await app.CreateUserAsync("np_vis_author");
        var authorToken = await app.TokenAsync("np_vis_author");
        var stranger = await app.CreateUserAsync("np_vis_stranger");
        var insider = await app.CreateUserAsync("np_vis_insider");
        var insiderToken = await app.TokenAsync("np_vis_insider");
        await KindredApp.Json(await app.Api(insiderToken).PostAsync($"/api/v1/accounts/{S(author.Id)}/follow", new FormUrlEncodedContent([])), HttpStatusCode.OK);
        var group = await TestGroups.CreateAsync(app, "np-vis-group", GroupVisibility.Members, author.Id);
        await TestGroups.JoinAsync(app, group.Id, insider.Id);

        var posts = new Dictionary<string, long>
        {
            ["public"] = L(await app.PostStatusAsync(authorToken, "words-public", "public")),
            ["unlisted"] = L(await app.PostStatusAsync(authorToken, "words-unlisted", "unlisted")),
            ["members"] = L(await app.PostStatusAsync(authorToken, "words-members", "members_only")),
            ["followers"] = L(await app.PostStatusAsync(authorToken, "words-followers", "private")),
            ["direct"] = L(await app.PostStatusAsync(authorToken, "words-direct @np_vis_insider", "direct")),
            ["group"] = L(await app.PostStatusAsync(authorToken, "words-group", "public")),
            ["deleted"] = L(await app.PostStatusAsync(authorToken, "words-deleted", "public")),
            ["warning"] = L(await app.PostStatusAsync(authorToken, "words-behind-warning", "public", spoilerText: "food talk")),
        };
        await TestGroups.MoveIntoAsync(app, S(posts["group"]), group.Id);
        // Each member was told of each post while they could read it; what matters is what the page shows now.
        foreach (var (_, id) in posts)
        {
            await NotifyAsync(NotificationTypes.Status, stranger.Id, author.Id, new NotificationAbout(StatusId: id));
            await NotifyAsync(NotificationTypes.Status, insider.Id, author.Id, new NotificationAbout(StatusId: id));
        }
        Assert.Equal(HttpStatusCode.OK, (await app.Api(authorToken).DeleteAsync($"/api/v1/statuses/{posts["deleted"]}")).StatusCode);

        var readable = new Dictionary<string, string[]>
        {
            ["np_vis_stranger"] = ["public", "unlisted", "members"],
            ["np_vis_insider"] = ["public", "unlisted", "members", "followers", "direct", "group"],
        };
        foreach (var (who, mayRead) in readable)
        {
            var page = await Html.GetAsync(await SignedInAsync(who), "/notifications");
            foreach (var visibility in posts.Keys.Where(k => k != "warning"))
            {
                if (mayRead.Contains(visibility))
                {
                    Assert.Contains($"words-{visibility}", page, StringComparison.Ordinal);
                }
                else
                {
                    Assert.DoesNotContain($"words-{visibility}", page, StringComparison.Ordinal);
                }
            }
            // A content warning is quoted, never the words behind it.
            Assert.Contains("Content warning: food talk", page, StringComparison.Ordinal);
            Assert.DoesNotContain("words-behind-warning", page, StringComparison.Ordinal);
        }
    }
}

public sealed class NotificationsPageSqliteTests(SqliteApp app) : NotificationsPageTests(app), IClassFixture<SqliteApp>;

public sealed class NotificationsPagePostgresTests(PostgresApp app) : NotificationsPageTests(app), IClassFixture<PostgresApp>;
