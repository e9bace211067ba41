using System.Net;
using Kindred.Core.Common;
using Kindred.Core.Invitations;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Welcome;

/// <summary>The welcome page after a member's first sign-in (ADR 91): shown once, skippable, every part a plain form,
/// the invitation's group already joined, and only groups the newcomer may see suggested.</summary>
public abstract class WelcomeTests(KindredApp app)
{
    private static Dictionary<string, string> SignIn(string username) => Web.Account.AccountFlowTests.SignInFields(username, KindredApp.Password);

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    private Task<long> OrganizationIdAsync() =>
        app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId!.Value).SingleAsync());

    [Fact]
    public async Task TheFirstSignInGoesToTheWelcomePageAndTheNextOnesGoHome()
    {
        var user = await app.CreateUserAsync("wl_first");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DisplayName, "Maria L")));

        var first = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", SignIn("wl_first"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/welcome", Html.Location(first));

        var second = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", SignIn("wl_first"));
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal("/", Html.Location(second));

        // A return address outranks the welcome page: a newcomer following a link lands where it pointed.
        var other = await app.CreateUserAsync("wl_linked");
        var linked = await Html.PostFormAsync(app.Browser(), "/account/sign-in?returnUrl=%2Fevents", "sign-in", SignIn("wl_linked"));
        Assert.Equal("/events", Html.Location(linked));
        Assert.NotNull(other);
    }

    [Fact]
    public async Task ANewcomerIsWelcomedByNameAndNotWelcomedBack()
    {
        var user = await app.CreateUserAsync("wl_name");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DisplayName, "Maria L")));
        var browser = await SignedInAsync("wl_name");

        var welcome = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/welcome"));
        Assert.Contains("<h1>Welcome, Maria L</h1>", welcome, StringComparison.Ordinal);
        // Skipping is a plain link home, and the home page says "Welcome", not "Welcome back".
        Assert.Contains("<a href=\"/\">Skip and go to your home page</a>", welcome, StringComparison.Ordinal);
        var home = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/"));
        Assert.Contains("Welcome, Maria L.", home, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome back", home, StringComparison.Ordinal);

        // After the first week the same member is welcomed back.
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.CreatedAt, DateTime.UtcNow.AddDays(-8))));
        Assert.Contains("Welcome back, Maria L.", WebUtility.HtmlDecode(await Html.GetAsync(browser, "/")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheProfileFormSavesTheNameAndAreaAndRefusesABadPositionWithoutChangingAnything()
    {
        var user = await app.CreateUserAsync("wl_profile");
        var browser = await SignedInAsync("wl_profile");

        // The organization's places (ADR 88): the area is chosen by name, never typed as coordinates.
        var admin = await app.CreateUserAsync("wl_places_admin", UserRole.Admin);
        await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Places.PlaceService>().AddAsync(admin.Id,
            new Kindred.Core.Places.PlaceInput { Name = "Verdun", Latitude = 45.4571, Longitude = -73.5712 }));
        Assert.DoesNotContain("Input.Latitude", await Html.GetAsync(browser, "/welcome"), StringComparison.Ordinal);

        var bad = await Html.PostFormAsync(browser, "/welcome", "welcome-profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Changed",
            ["Input.AreaName"] = "Atlantis",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var refused = await bad.Content.ReadAsStringAsync();
        Assert.Contains("There is no place called", refused, StringComparison.Ordinal);
        Assert.Contains("id=\"welcome-area-error\"", refused, StringComparison.Ordinal);
        var unchanged = await app.WithDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == user.Id));
        Assert.Null(unchanged.AreaName);
        Assert.NotEqual("Changed", unchanged.DisplayName);

        var saved = await Html.PostMultipartFormAsync(browser, "/welcome", "welcome-profile", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Sam from Verdun",
            ["Input.AreaName"] = "verdun",
        }, [("avatar", "me.png", TestImages.Png(64, 64), "image/png")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("/welcome?saved=profile", Html.Location(saved));
        var account = await app.WithDbAsync(db => db.Accounts.AsNoTracking().SingleAsync(a => a.Id == user.Id));
        Assert.Equal("Sam from Verdun", account.DisplayName);
        Assert.Equal(("Verdun", 45.46, -73.57), (account.AreaName, account.Latitude, account.Longitude));
        Assert.NotNull(account.AvatarFile);
    }

    [Fact]
    public async Task HashtagsAndTheOrganizationAreFollowedWithoutScriptAndAnEmptyListIsRefused()
    {
        var user = await app.CreateUserAsync("wl_follow");
        var browser = await SignedInAsync("wl_follow");
        var organizationId = await OrganizationIdAsync();

        var empty = await Html.PostFormAsync(browser, "/welcome", "welcome-tags", new Dictionary<string, string> { ["FollowTags"] = " , " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write at least one hashtag.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tags = await Html.PostFormAsync(browser, "/welcome", "welcome-tags", new Dictionary<string, string> { ["FollowTags"] = "jardinage, #cuisine" });
        Assert.Equal(HttpStatusCode.OK, tags.StatusCode);
        Assert.Contains("You follow: #jardinage, #cuisine", WebUtility.HtmlDecode(await tags.Content.ReadAsStringAsync()).Replace("#cuisine, #jardinage", "#jardinage, #cuisine", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, await app.WithDbAsync(db => db.TagFollows.CountAsync(f => f.AccountId == user.Id)));

        Assert.Contains("Follow Helping Hands", await Html.GetAsync(browser, "/welcome"), StringComparison.Ordinal);
        var follow = await Html.PostFormAsync(browser, "/welcome", "welcome-follow", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Follows.AnyAsync(f => f.AccountId == user.Id && f.TargetAccountId == organizationId)));
        Assert.Contains("You follow Helping Hands: its posts come to your home feed.", WebUtility.HtmlDecode(await Html.GetAsync(browser, "/welcome")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGroupOfTheInvitationIsAlreadyJoinedWhenTheNewcomerArrives()
    {
        var host = await app.CreateUserAsync("wl_host");
        var group = await InvitationFixtures.CreateGroupAsync(app, host.Id, GroupJoinPolicy.InviteOnly, GroupVisibility.Secret);
        var invitation = await app.WithServicesAsync(s => s.GetRequiredService<InvitationService>().CreateForMemberAsync(host.Id, new NewInvitation(5, TimeSpan.FromDays(7), GroupId: group.Id)));

        var signUp = await Html.PostFormAsync(app.Browser(), $"/account/sign-up?invite={invitation.Code}", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "wl_invited",
            ["Input.Email"] = "wl_invited@example.org",
            ["Input.Password"] = KindredApp.Password,
            ["Input.Language"] = "en",
            ["Input.InvitationCode"] = invitation.Code,
            ["Input.AcceptRules"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, signUp.StatusCode);
        await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "wl_invited").ExecuteUpdateAsync(s => s.SetProperty(u => u.EmailConfirmed, true).SetProperty(u => u.Status, UserStatus.Active)));

        var first = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", SignIn("wl_invited"));
        Assert.Equal("/welcome", Html.Location(first));
        var welcome = WebUtility.HtmlDecode(await Html.GetAsync(await SignedInAsync("wl_invited"), "/welcome"));
        Assert.Contains($"You are already a member of {group.Name}, the group you were invited to.", welcome, StringComparison.Ordinal);
        Assert.Contains($"href=\"/groups/{group.Slug}\"", welcome, StringComparison.Ordinal);

        // A newcomer without an invitation is told nothing of the kind.
        await app.CreateUserAsync("wl_uninvited");
        Assert.DoesNotContain("the group you were invited to", await Html.GetAsync(await SignedInAsync("wl_uninvited"), "/welcome"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuggestedGroupsAreOnlyGroupsTheNewcomerMaySeeAndJoin()
    {
        var owner = await app.CreateUserAsync("wl_owner");
        var viewer = await app.CreateUserAsync("wl_near");
        await app.SetHomeAsync(viewer.Id, 45.76, 4.84);
        var old = DateTime.UtcNow.AddYears(-1);
        await app.AddGroupAsync("wl-public", owner.Id, kind: GroupKind.Place, lat: 45.77, lon: 4.83, name: "Voisins publics", lastStatusAt: old);
        await app.AddGroupAsync("wl-members", owner.Id, GroupVisibility.Members, kind: GroupKind.Place, lat: 45.77, lon: 4.83, name: "Voisins membres", lastStatusAt: old);
        await app.AddGroupAsync("wl-secret", owner.Id, GroupVisibility.Secret, kind: GroupKind.Place, lat: 45.77, lon: 4.83, name: "Voisins secrets", lastStatusAt: old);
        await app.AddGroupAsync("wl-invite", owner.Id, kind: GroupKind.Place, lat: 45.77, lon: 4.83, joinPolicy: GroupJoinPolicy.InviteOnly, name: "Voisins invités", lastStatusAt: old);

        var welcome = WebUtility.HtmlDecode(await Html.GetAsync(await SignedInAsync("wl_near"), "/welcome"));
        Assert.Contains("href=\"/groups/wl-public\"", welcome, StringComparison.Ordinal);
        // Members-only groups are visible to every signed-in member, so they may be suggested.
        Assert.Contains("href=\"/groups/wl-members\"", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("wl-secret", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("Voisins secrets", welcome, StringComparison.Ordinal);
        Assert.DoesNotContain("wl-invite", welcome, StringComparison.Ordinal);
    }
}

public sealed class WelcomeSqliteTests(SqliteApp app) : WelcomeTests(app), IClassFixture<SqliteApp>;

public sealed class WelcomePostgresTests(PostgresApp app) : WelcomeTests(app), IClassFixture<PostgresApp>;
