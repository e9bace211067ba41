using System.Net;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Demo;
using Kindred.Core.Notifications;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Demo;

/// <summary>The demo community (ADR 26): its shape, its determinism, its refusal of a server with content, and that
/// the usual visibility rules hold over what it made.</summary>
public abstract class DemoSeederTests(KindredApp app)
{
    public const string MemberPassword = "demo password 123";

    protected abstract KindredApp NewApp();

    private static Task<DemoSeedResult> SeedAsync(KindredApp target) =>
        target.WithServicesAsync(s => s.GetRequiredService<DemoSeeder>().SeedAsync("http://localhost", MemberPassword));

    [Fact]
    public async Task SeedingAnEmptyServerMakesTheCommunityItPromisesAndKeepsMembersOnlyGroupPostsFromVisitors()
    {
        var result = await SeedAsync(app);
        Assert.Equal(60, result.Members);
        Assert.Equal("helpinghands", result.OrganizationUsername);

        await app.WithDbAsync(async db =>
        {
            // Sixty members, the organization's account and the owner, with profiles in coarse areas.
            var accounts = await db.Accounts.AsNoTracking().Include(a => a.Tags).ToListAsync();
            Assert.Equal(62, accounts.Count);
            var members = accounts.Where(a => a.Username != "owner" && a.Username != "helpinghands").ToList();
            Assert.All(members, a =>
            {
                Assert.False(string.IsNullOrWhiteSpace(a.Note));
                Assert.NotEqual(a.Username, a.DisplayName);
                Assert.Contains(a.Tags, t => t.Kind == AccountTagKind.Interest);
                Assert.Contains(a.Tags, t => t.Kind == AccountTagKind.Skill);
                Assert.NotNull(a.AreaName);
                Assert.Equal(CoarseLocation.Round(a.Latitude!.Value, a.Longitude!.Value), (a.Latitude.Value, a.Longitude.Value));
            });
            Assert.True(members.Select(a => a.AreaName).Distinct().Count() >= 4);
            Assert.True(members.Count(a => a.AvatarFile is not null) >= 40);

            // Groups: a city group with chapters, a members-only group with approval and questions, a secret one.
            var groups = await db.Groups.AsNoTracking().Include(g => g.Questions).Include(g => g.Tags).ToListAsync();
            Assert.Equal(9, groups.Count);
            var city = groups.Single(g => g.Slug == "montreal-mutual-aid");
            Assert.True(groups.Count(g => g.ParentId == city.Id) >= 2);
            var circle = groups.Single(g => g.Visibility == GroupVisibility.Members && g.JoinPolicy == GroupJoinPolicy.Approval);
            Assert.Equal(2, circle.Questions.Count);
            Assert.True(await db.GroupMembershipRequests.CountAsync(r => r.GroupId == circle.Id) >= 1);
            Assert.Contains(groups, g => g.Visibility == GroupVisibility.Secret);
            var memberships = await db.GroupMemberships.AsNoTracking().ToListAsync();
            foreach (var group in groups)
            {
                Assert.Equal(memberships.Count(m => m.GroupId == group.Id), group.MembersCount);
                Assert.Single(memberships, m => m.GroupId == group.Id && m.Role == GroupRole.Owner);
                Assert.All(group.Tags, t => Assert.Equal(TagNames.Normalize(t.Display), t.Name));
            }
            Assert.Contains(memberships, m => m.Role == GroupRole.Moderator);
            Assert.Contains(memberships, m => m.InvitationId is not null);

            // Posts into groups, with the group's audience, and each group's LastStatusAt is its newest post.
            var groupPosts = await db.Statuses.AsNoTracking().Where(s => s.GroupId != null).ToListAsync();
            Assert.True(groupPosts.Count >= 20, $"{groupPosts.Count} group posts");
            foreach (var post in groupPosts)
            {
                var group = groups.Single(g => g.Id == post.GroupId);
                Assert.Equal(group.Visibility == GroupVisibility.Public ? Audience.Public : Audience.Members, post.Visibility);
                Assert.Contains(memberships, m => m.GroupId == group.Id && m.AccountId == post.AccountId);
            }
            foreach (var group in groups.Where(g => groupPosts.Any(p => p.GroupId == g.Id)))
            {
                Assert.Equal(groupPosts.Where(p => p.GroupId == group.Id).Max(p => p.CreatedAt), group.LastStatusAt);
            }
            Assert.Contains(groupPosts, p => groups.Single(g => g.Id == p.GroupId).Visibility != GroupVisibility.Public);

            // Follows, the organization followed by most; conversation and reactions.
            var organization = accounts.Single(a => a.Username == "helpinghands");
            Assert.True(await db.Follows.CountAsync() >= 400);
            Assert.True(await db.Follows.CountAsync(f => f.TargetAccountId == organization.Id) >= 50);
            Assert.True(await db.Statuses.CountAsync(s => s.InReplyToId != null) >= 60);
            Assert.True(await db.StatusMentions.CountAsync() >= 60);
            Assert.True(await db.Statuses.CountAsync(s => s.ReblogOfId != null) >= 15);
            Assert.True(await db.Favourites.CountAsync() >= 150);
            Assert.True(await db.Tags.CountAsync() >= 10);
            Assert.True(await db.Statuses.CountAsync(s => s.Language == "fr") >= 10);
            Assert.True(await db.Notifications.CountAsync() >= 200);

            // Spread over the last weeks, not all "now".
            var now = DateTime.UtcNow;
            var times = await db.Statuses.Select(s => s.CreatedAt).ToListAsync();
            Assert.True(times.Min() < now.AddDays(-21) && times.Max() <= now.AddMinutes(1));
            Assert.True(accounts.Min(a => a.CreatedAt) < now.AddDays(-30));

            // Referral chains: who invited whom reaches four levels below the first inviters.
            var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id);
            var depth = users.Values.Max(u =>
            {
                var levels = 0;
                for (var current = u; current.InvitedById is { } parent && users.TryGetValue(parent, out var next); current = next)
                {
                    levels++;
                }
                return levels;
            });
            Assert.True(depth >= 4, $"deepest referral chain: {depth}");
            var invitations = await db.Invitations.AsNoTracking().ToListAsync();
            foreach (var invitation in invitations)
            {
                var uses = users.Values.Count(u => u.InvitationId == invitation.Id) + memberships.Count(m => m.InvitationId == invitation.Id);
                Assert.Equal(uses, invitation.Uses);
            }
            Assert.All(users.Values.Where(u => u.InvitationId is not null), u => Assert.Equal(invitations.Single(i => i.Id == u.InvitationId).CreatedById, u.InvitedById));
        });

        // The members sign in with the one password and find a home feed filled by those they follow.
        var token = await app.TokenAsync(result.SampleUsernames[0], password: MemberPassword);
        var home = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/timelines/home?limit=40"), HttpStatusCode.OK);
        Assert.True(home.GetArrayLength() >= 10);
        var hashtag = await KindredApp.Json(await app.Api().GetAsync("/api/v1/timelines/tag/mutualaid"), HttpStatusCode.OK);
        Assert.True(hashtag.GetArrayLength() >= 1);

        // A visitor reads no post of a members-only group: not in the public timeline, not by id.
        var hidden = await app.WithDbAsync(db => db.Statuses.AsNoTracking()
            .Where(s => s.GroupId != null && db.Groups.Any(g => g.Id == s.GroupId && g.Visibility != GroupVisibility.Public))
            .Select(s => new { s.Id, s.GroupId }).ToListAsync());
        Assert.NotEmpty(hidden);
        var seen = new List<string>();
        string? maxId = null;
        while (true)
        {
            var page = await KindredApp.Json(await app.Api().GetAsync("/api/v1/timelines/public?limit=40" + (maxId is null ? "" : $"&max_id={maxId}")), HttpStatusCode.OK);
            if (page.GetArrayLength() == 0)
            {
                break;
            }
            seen.AddRange(page.EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            maxId = seen[^1];
        }
        Assert.True(seen.Count >= 50);
        Assert.DoesNotContain(seen, id => hidden.Any(h => h.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id));
        var sample = hidden[0];
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/v1/statuses/{sample.Id}")).StatusCode);

        // A member of that group reads it; a member outside it does not.
        var (insider, outsider) = await app.WithDbAsync(async db =>
        {
            var inside = await db.GroupMemberships.Where(m => m.GroupId == sample.GroupId).Select(m => m.AccountId).ToListAsync();
            // The organization's account has no password (ADR 55): only members who sign in.
            var organization = await db.Organizations.Select(o => o.AccountId).FirstAsync();
            var names = await db.Accounts.Where(a => a.Username != "owner" && a.Id != organization)
                .OrderBy(a => a.Id).Select(a => new { a.Id, a.Username }).ToListAsync();
            return (names.First(n => inside.Contains(n.Id)).Username, names.First(n => !inside.Contains(n.Id)).Username);
        });
        var insiderToken = await app.TokenAsync(insider, password: MemberPassword);
        var outsiderToken = await app.TokenAsync(outsider, password: MemberPassword);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(insiderToken).GetAsync($"/api/v1/statuses/{sample.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(outsiderToken).GetAsync($"/api/v1/statuses/{sample.Id}")).StatusCode);

        await TheAidAndEventsAreThereAndSensitiveRequestsStayHiddenAsync(result);

        // Seeding twice is refused and changes nothing.
        var statuses = await app.WithDbAsync(db => db.Statuses.CountAsync());
        var aidItems = await app.WithDbAsync(db => db.AidItems.CountAsync());
        var rsvps = await app.WithDbAsync(db => db.EventRsvps.CountAsync());
        var error = await Assert.ThrowsAsync<KindredException>(() => SeedAsync(app));
        Assert.Contains("already has members or posts", error.Message, StringComparison.Ordinal);
        Assert.Equal(statuses, await app.WithDbAsync(db => db.Statuses.CountAsync()));
        Assert.Equal(aidItems, await app.WithDbAsync(db => db.AidItems.CountAsync()));
        Assert.Equal(rsvps, await app.WithDbAsync(db => db.EventRsvps.CountAsync()));
    }

    /// <summary>The demo's mutual aid and events (ADR 26): each state, conversations, thanks, matches, RSVPs and check-ins,
    /// and the sensitive requests out of a visitor's sight.</summary>
    private async Task TheAidAndEventsAreThereAndSensitiveRequestsStayHiddenAsync(DemoSeedResult result)
    {
        var specs = DemoContent.AidItems;
        Assert.Equal(specs.Length, result.AidItems);
        Assert.Equal(4, result.Events);
        var (items, sharedHelper, privateThanks) = await app.WithDbAsync(async db =>
        {
            var items = await db.AidItems.AsNoTracking().ToListAsync();
            // Items by state, as the content plans them.
            Assert.Equal(specs.Count(s => s.Fate == DemoAidFate.Open), items.Count(i => i.State == AidItemState.Open));
            Assert.Equal(1, items.Count(i => i.State == AidItemState.InProgress));
            Assert.Equal(specs.Count(s => s.Fate == DemoAidFate.Fulfilled), items.Count(i => i.State == AidItemState.Fulfilled));
            Assert.True(items.Count(i => i.State == AidItemState.Fulfilled) >= 2);
            Assert.Equal(1, items.Count(i => i.State == AidItemState.Closed));
            Assert.Equal(Enum.GetValues<AidAudience>().Order(), items.Select(i => i.Audience).Distinct().Order());
            Assert.Contains(items, i => i.Sensitive);
            Assert.True(items.Select(i => i.CategoryId).Distinct().Count() >= 5);
            Assert.Contains(items, i => i.Kind == AidKind.Offer);
            Assert.Contains(items, i => i.Urgency == AidUrgency.Urgent);
            Assert.All(items.Where(i => i.State is AidItemState.Fulfilled or AidItemState.Closed), i => Assert.NotNull(i.EndedAt));

            // Every item was matched when it was new; suggestions went to opted-in helpers.
            Assert.All(items, i => Assert.NotNull(i.MatchedAt));
            Assert.True(await db.Notifications.CountAsync(n => n.Type == NotificationTypes.AidMatch) >= 3);
            Assert.Equal(4, await db.VettedHelpers.CountAsync(v => v.RevokedAt == null && v.Note != ""));
            Assert.Equal(1, await db.Users.CountAsync(u => u.IsSafeguardingLead));
            Assert.True(await db.AidHelperCategories.Select(h => h.AccountId).Distinct().CountAsync() >= 8);

            // Answers: the in-progress and the fulfilled items were accepted; conversations have several messages.
            var responses = await db.AidResponses.AsNoTracking().ToListAsync();
            var accepted = responses.Where(r => r.State == AidResponseState.Accepted).ToList();
            Assert.Equal(specs.Count(s => s.Fate is DemoAidFate.InProgress or DemoAidFate.Fulfilled), accepted.Count);
            Assert.Contains(accepted, r => items.Single(i => i.Id == r.ItemId).State == AidItemState.InProgress);
            Assert.Contains(responses, r => r.State == AidResponseState.Pending);
            Assert.All(responses, r => Assert.NotNull(items.Single(i => i.Id == r.ItemId).FirstResponseAt));
            var messages = await db.AidMessages.AsNoTracking().ToListAsync();
            Assert.True(messages.GroupBy(m => m.ResponseId).Max(g => g.Count()) >= 4);
            Assert.Contains(messages, m => accepted.Any(r => r.Id == m.ResponseId && items.Single(i => i.Id == r.ItemId).AccountId == m.AuthorId));

            // Thanks: one shown on the helper's profile (both agreed), one kept private.
            var thanks = await db.AidThanks.AsNoTracking().ToListAsync();
            Assert.True(thanks.Count >= 2);
            var shared = Assert.Single(thanks, t => t.SharedByGiver && t.SharedByReceiver);
            Assert.Equal(AidItemState.Fulfilled, items.Single(i => i.Id == responses.Single(r => r.Id == shared.ResponseId).ItemId).State);
            var helper = await db.Accounts.Where(a => a.Id == shared.ToAccountId).Select(a => a.Username).SingleAsync();
            var hidden = thanks.First(t => !t.SharedByGiver || !t.SharedByReceiver);
            return (items, helper, hidden.Text);
        });
        var profile = await app.Browser().GetStringAsync($"/@{sharedHelper}");
        Assert.Contains("Merci mille fois pour le trajet", profile, StringComparison.Ordinal);
        Assert.DoesNotContain(System.Net.WebUtility.HtmlEncode(privateThanks)[..20], profile, StringComparison.Ordinal);

        // Events: the swap is full with two waiting, the café repeats weekly, the meeting is online for members, the
        // Repair Café is over and its organizer checked people in; answers to the questions were kept.
        await app.WithDbAsync(async db =>
        {
            var events = await db.Events.AsNoTracking().Include(e => e.Questions).ToListAsync();
            var rsvps = await db.EventRsvps.AsNoTracking().ToListAsync();
            var swap = events.Single(e => e.Title == DemoContent.ClothingSwapTitle);
            Assert.Equal(EventVisibility.Public, swap.Visibility);
            Assert.Null(swap.GroupId);
            Assert.Equal(12, swap.Capacity);
            Assert.Equal(swap.Capacity, rsvps.Count(r => r.EventId == swap.Id && r.Response == RsvpResponse.Going));
            Assert.Equal(2, rsvps.Count(r => r.EventId == swap.Id && r.Response == RsvpResponse.Waitlisted));
            Assert.Contains(rsvps, r => r.EventId == swap.Id && r.Response == RsvpResponse.Maybe);
            Assert.Contains(rsvps, r => r.EventId == swap.Id && r.Answer1.Length > 0);
            var weekly = events.Single(e => e.Title == DemoContent.CafeTitle);
            Assert.Contains("WEEKLY", weekly.Recurrence, StringComparison.Ordinal);
            Assert.Equal(EventVisibility.Group, weekly.Visibility);
            Assert.NotNull(weekly.GroupId);
            Assert.Contains(rsvps, r => r.EventId == weekly.Id);
            var online = events.Single(e => e.Title == DemoContent.MeetingTitle);
            Assert.Equal(EventVisibility.Members, online.Visibility);
            Assert.Equal(EventMode.Online, online.Mode);
            Assert.Contains(rsvps, r => r.EventId == online.Id && r.Response == RsvpResponse.NotGoing);
            var past = events.Single(e => e.Title == DemoContent.RepairTitle);
            Assert.True(past.EndsAt < DateTime.UtcNow);
            Assert.True(rsvps.Count(r => r.EventId == past.Id && r.CheckedInAt != null) >= 3);
            Assert.All(rsvps.Where(r => r.CheckedInAt != null), r => Assert.True(r.CheckedInAt >= past.StartsAt && r.CheckedInAt <= past.EndsAt));
            Assert.True(events.All(e => e.StartsAt > e.CreatedAt));
            return 0;
        });

        // A visitor sees a public demo item but no sensitive one: not by its page, not in the API's list.
        var sensitive = items.Where(i => i.Sensitive).ToList();
        var visitor = app.Browser();
        foreach (var item in sensitive)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/aid/{item.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await app.Api().GetAsync($"/api/v1/kindred/aid/{item.Id}")).StatusCode);
        }
        var open = items.First(i => i.Audience == AidAudience.Public && i.State == AidItemState.Open);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/aid/{open.Id}")).StatusCode);
        var listed = new List<string>();
        string? maxId = null;
        while (true)
        {
            var page = await KindredApp.Json(await app.Api().GetAsync("/api/v1/kindred/aid?state=any&limit=40" + (maxId is null ? "" : $"&max_id={maxId}")), HttpStatusCode.OK);
            if (page.GetArrayLength() == 0)
            {
                break;
            }
            listed.AddRange(page.EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            maxId = listed[^1];
        }
        Assert.Equal(items.Count(i => i.Audience == AidAudience.Public), listed.Count);
        Assert.DoesNotContain(listed, id => sensitive.Any(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) == id));
    }

    [Fact]
    public async Task TwoSeedsOnTwoFreshServersMakeTheSameCommunity()
    {
        var first = NewApp();
        var second = NewApp();
        try
        {
            await first.InitializeAsync();
            await second.InitializeAsync();
            await SeedAsync(first);
            await SeedAsync(second);
            var shapes = new List<string>();
            foreach (var target in new[] { first, second })
            {
                shapes.Add(await target.WithDbAsync(async db => string.Join("\n",
                    string.Join(",", await db.Accounts.OrderBy(a => a.Username).Select(a => a.Username).ToListAsync()),
                    string.Join(",", await db.Groups.OrderBy(g => g.Slug).Select(g => g.Slug + ":" + g.MembersCount).ToListAsync()),
                    await db.Statuses.CountAsync(), await db.Statuses.CountAsync(s => s.GroupId != null), await db.Follows.CountAsync(),
                    await db.Favourites.CountAsync(), await db.StatusMentions.CountAsync(), await db.Invitations.CountAsync(),
                    await db.GroupMemberships.CountAsync(), await db.Tags.CountAsync(),
                    string.Join(",", (await db.AidItems.OrderBy(i => i.Id).Select(i => new { i.Title, i.State, Owner = db.Accounts.Where(a => a.Id == i.AccountId).Select(a => a.Username).FirstOrDefault() }).ToListAsync()).Select(i => $"{i.Title}:{i.State}:{i.Owner}")),
                    await db.AidResponses.CountAsync(), await db.AidMessages.CountAsync(), await db.Notifications.CountAsync(n => n.Type == NotificationTypes.AidMatch),
                    string.Join(",", (await db.EventRsvps.OrderBy(r => r.Id).Select(r => new { r.Response, Who = db.Accounts.Where(a => a.Id == r.AccountId).Select(a => a.Username).FirstOrDefault() }).ToListAsync()).Select(r => $"{r.Response}:{r.Who}")))));
            }
            Assert.Equal(shapes[0], shapes[1]);
            Assert.Contains("amara_okafor", shapes[0], StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)first).DisposeAsync();
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    [Fact]
    public async Task AServerWithMembersOrPostsIsRefusedAndLeftAsItWas()
    {
        var target = NewApp();
        try
        {
            await target.InitializeAsync();
            await target.CreateUserAsync("realperson");
            var token = await target.TokenAsync("realperson");
            await target.PostStatusAsync(token, "A real post");
            var error = await Assert.ThrowsAsync<KindredException>(() => SeedAsync(target));
            Assert.Equal(ErrorKind.Conflict, error.Kind);
            // The owner, the organization's account and the real member.
            Assert.Equal(3, await target.WithDbAsync(db => db.Accounts.CountAsync()));
            Assert.Equal(1, await target.WithDbAsync(db => db.Statuses.CountAsync()));
            Assert.Equal(0, await target.WithDbAsync(db => db.Groups.CountAsync()));
            Assert.Equal(0, await target.WithDbAsync(db => db.Invitations.CountAsync()));
        }
        finally
        {
            await ((IAsyncLifetime)target).DisposeAsync();
        }
    }
}

public sealed class DemoSeederSqliteTests(SqliteApp app) : DemoSeederTests(app), IClassFixture<SqliteApp>
{
    protected override KindredApp NewApp() => new SqliteApp();
}

public sealed class DemoSeederPostgresTests(PostgresApp app) : DemoSeederTests(app), IClassFixture<PostgresApp>
{
    protected override KindredApp NewApp() => new PostgresApp();
}
