using System.Net;
using Kindred.Core.Aid;
using Kindred.Core.Events;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Welcome;

/// <summary>A newcomer's home page (ADR 91): the first-week checklist ticks from their own data and goes away, and a
/// quiet home feed is followed by the organization's pinned posts, groups, events and requests for help, each only as
/// far as its own visibility rule lets this member see it.</summary>
public abstract class FirstWeekHomeTests(KindredApp app)
{
    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private Task<long> OrganizationIdAsync() =>
        app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId!.Value).SingleAsync());

    private static string Undone(string text, string href) => $"<a href=\"{href}\">{text}</a>";

    private static string Ticked(string text) => $"{text} <span class=\"muted\">(Done)</span>";

    [Fact]
    public async Task TheChecklistTicksFromRealDataAndGoesAwayWhenAllIsDone()
    {
        var admin = await app.CreateUserAsync("fw_admin", UserRole.Admin);
        var user = await app.CreateUserAsync("fw_ticks");
        var organizationId = await OrganizationIdAsync();
        var browser = await SignedInAsync("fw_ticks");

        var home = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/"));
        Assert.Contains("Your first week", home, StringComparison.Ordinal);
        Assert.Contains(Undone("Add a profile picture", "/welcome"), home, StringComparison.Ordinal);
        Assert.Contains(Undone("Set your area", "/welcome"), home, StringComparison.Ordinal);
        Assert.Contains(Undone("Join a group", "/groups"), home, StringComparison.Ordinal);
        Assert.Contains(Undone("Answer an event", "/events"), home, StringComparison.Ordinal);
        Assert.Contains(Undone("Ask for help or offer help", "/aid/new"), home, StringComparison.Ordinal);
        Assert.Contains(Undone("Follow the organization", "/welcome"), home, StringComparison.Ordinal);

        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.AvatarFile, "avatars/fw.png")));
        await app.SetHomeAsync(user.Id, 45.76, 4.84, "Croix-Rousse");
        home = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/"));
        Assert.Contains(Ticked("Add a profile picture"), home, StringComparison.Ordinal);
        Assert.Contains(Ticked("Set your area"), home, StringComparison.Ordinal);
        Assert.Contains(Undone("Join a group", "/groups"), home, StringComparison.Ordinal);

        var group = await app.AddGroupAsync("fw-ticks", admin.Id);
        await app.JoinAsync(group.Id, user.Id);
        var ev = await app.WithServicesAsync(s => s.GetRequiredService<EventService>().CreateAsync(admin.Id, new EventInput
        {
            Title = "Repair café",
            StartsAt = DateTimeOffset.UtcNow.AddDays(3),
            EndsAt = DateTimeOffset.UtcNow.AddDays(3).AddHours(2),
            TimeZone = "Europe/Paris",
            Mode = EventMode.InPerson,
            PlaceName = "Community hall",
            Visibility = EventVisibility.Public,
        }));
        await app.WithServicesAsync(s => s.GetRequiredService<EventService>().RsvpAsync(user.Id, ev.Id, new RsvpRequest(RsvpResponse.Going)));
        home = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/"));
        Assert.Contains(Ticked("Join a group"), home, StringComparison.Ordinal);
        Assert.Contains(Ticked("Answer an event"), home, StringComparison.Ordinal);
        Assert.Contains(Undone("Ask for help or offer help", "/aid/new"), home, StringComparison.Ordinal);
        Assert.Contains("Your first week", home, StringComparison.Ordinal);

        // An offer of help ticks it as a request would; the list stays while the organization is not followed.
        await app.WithServicesAsync(s => s.GetRequiredService<AidService>().CreateAsync(user.Id, new AidInput
        {
            Kind = AidKind.Offer,
            Category = "errands",
            Title = "I can carry shopping on Saturdays",
            Audience = AidAudience.Members,
            ClearLocation = true,
        }));
        home = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/"));
        Assert.Contains(Ticked("Ask for help or offer help"), home, StringComparison.Ordinal);
        Assert.Contains(Ticked("Answer an event"), home, StringComparison.Ordinal);
        Assert.Contains("Your first week", home, StringComparison.Ordinal);

        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<RelationshipService>().FollowAsync(user.Id, organizationId);
            return true;
        });
        Assert.DoesNotContain("Your first week", await Html.GetAsync(browser, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChecklistCanBePutAwayAndIsGoneAfterTheFirstWeek()
    {
        var user = await app.CreateUserAsync("fw_dismiss");
        var browser = await SignedInAsync("fw_dismiss");
        Assert.Contains("Your first week", await Html.GetAsync(browser, "/"), StringComparison.Ordinal);

        var dismissed = await Html.PostFormAsync(browser, "/", "dismiss-checklist", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.NotNull(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.ChecklistDismissedAt).SingleAsync()));
        Assert.DoesNotContain("Your first week", await Html.GetAsync(browser, "/"), StringComparison.Ordinal);

        var older = await app.CreateUserAsync("fw_older");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == older.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddDays(-8))));
        Assert.DoesNotContain("Your first week", await Html.GetAsync(await SignedInAsync("fw_older"), "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuietHomeShowsOnlyThePinnedPostsEventsAndRequestsThisMemberMaySee()
    {
        var organizationId = await OrganizationIdAsync();
        var owner = await app.CreateUserAsync("fw_owner", UserRole.Admin);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == owner.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddDays(-60))));
        var inside = await app.CreateUserAsync("fw_inside");
        var outside = await app.CreateUserAsync("fw_outside");
        var group = await app.AddGroupAsync("fw-circle", owner.Id, GroupVisibility.Members, name: "Parents circle");
        await app.JoinAsync(group.Id, inside.Id);
        await app.JoinAsync(group.Id, organizationId);
        await app.AddGroupAsync("fw-quiet", owner.Id, GroupVisibility.Secret, name: "Quiet circle");

        // The organization's pinned posts: public, members-only, and one in the members-only group.
        var ids = await app.WithServicesAsync(async s =>
        {
            var statuses = s.GetRequiredService<StatusService>();
            var shown = await statuses.CreateAsync(organizationId, new NewStatus("Pinned public notice", "http://localhost"));
            var members = await statuses.CreateAsync(organizationId, new NewStatus("Pinned members notice", "http://localhost", Audience.Members));
            var circle = await statuses.CreateAsync(organizationId, new NewStatus("Pinned circle notice", "http://localhost", Audience.Members, GroupId: group.Id));
            return new[] { shown.Id, members.Id, circle.Id };
        });
        await app.WithDbAsync(db => db.Statuses.Where(s => ids.Contains(s.Id)).ExecuteUpdateAsync(s => s.SetProperty(x => x.PinnedAt, DateTime.UtcNow)));

        // Requests for help: to all members, to the group, sensitive, and to vetted helpers only.
        await app.WithServicesAsync(async s =>
        {
            var aid = s.GetRequiredService<AidService>();
            AidInput Request(string title, AidAudience audience, bool sensitive = false, long? groupId = null) => new()
            {
                Kind = AidKind.Request,
                Category = "childcare",
                Title = title,
                Description = "Tuesdays after school.",
                Audience = audience,
                GroupId = groupId,
                Sensitive = sensitive,
                ClearLocation = true,
            };
            await aid.CreateAsync(owner.Id, Request("Request for every member", AidAudience.Members));
            await aid.CreateAsync(owner.Id, Request("Request for the circle", AidAudience.Group, groupId: group.Id));
            await aid.CreateAsync(owner.Id, Request("Request that is confidential", AidAudience.Members, sensitive: true));
            await aid.CreateAsync(owner.Id, Request("Request for vetted helpers", AidAudience.VettedHelpers));
            return true;
        });

        // Events: one for members, one for the group.
        await app.WithServicesAsync(async s =>
        {
            var events = s.GetRequiredService<EventService>();
            EventInput Event(string title, EventVisibility visibility, long? groupId = null) => new()
            {
                Title = title,
                StartsAt = DateTimeOffset.UtcNow.AddDays(2),
                EndsAt = DateTimeOffset.UtcNow.AddDays(2).AddHours(1),
                TimeZone = "Europe/Paris",
                Mode = EventMode.InPerson,
                PlaceName = "Hall",
                Visibility = visibility,
                GroupId = groupId,
            };
            await events.CreateAsync(owner.Id, Event("Event for members", EventVisibility.Members));
            await events.CreateAsync(owner.Id, Event("Event of the circle", EventVisibility.Group, group.Id));
            return true;
        });

        var insideHome = WebUtility.HtmlDecode(await Html.GetAsync(await SignedInAsync("fw_inside"), "/"));
        var outsideHome = WebUtility.HtmlDecode(await Html.GetAsync(await SignedInAsync("fw_outside"), "/"));
        foreach (var home in new[] { insideHome, outsideHome })
        {
            Assert.Contains("From Helping Hands", home, StringComparison.Ordinal);
            Assert.Contains("Pinned public notice", home, StringComparison.Ordinal);
            Assert.Contains("Pinned members notice", home, StringComparison.Ordinal);
            Assert.Contains("Request for every member", home, StringComparison.Ordinal);
            Assert.Contains("Event for members", home, StringComparison.Ordinal);
            // Members may open a sensitive request on /aid (audited); the home page names none.
            Assert.DoesNotContain("Request that is confidential", home, StringComparison.Ordinal);
            Assert.DoesNotContain("Request for vetted helpers", home, StringComparison.Ordinal);
        }
        Assert.Contains("Pinned circle notice", insideHome, StringComparison.Ordinal);
        Assert.Contains("Request for the circle", insideHome, StringComparison.Ordinal);
        Assert.Contains("Event of the circle", insideHome, StringComparison.Ordinal);
        Assert.DoesNotContain("Pinned circle notice", outsideHome, StringComparison.Ordinal);
        Assert.DoesNotContain("Request for the circle", outsideHome, StringComparison.Ordinal);
        Assert.DoesNotContain("Event of the circle", outsideHome, StringComparison.Ordinal);
        // Nearby groups: a members-only group may be suggested to any member (they may see it); a secret one never is.
        Assert.DoesNotContain("Quiet circle", outsideHome, StringComparison.Ordinal);
    }
}

public sealed class FirstWeekHomeSqliteTests(SqliteApp app) : FirstWeekHomeTests(app), IClassFixture<SqliteApp>;

public sealed class FirstWeekHomePostgresTests(PostgresApp app) : FirstWeekHomeTests(app), IClassFixture<PostgresApp>;
