using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Organizations;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Mastodon.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Organizations;

/// <summary>Staff speak as the organization (ADR 65): who may, on the web and through apps granted "act as"; every
/// action names its staff member in the audit log; members never learn who it was; losing the role ends the grant.</summary>
public abstract partial class OrganizationVoiceTests(KindredApp app)
{
    private const string Organization = "helpinghands";
    private const string Callback = "https://app.example/callback";

    private Task<long> OrganizationIdAsync() =>
        app.WithDbAsync(db => db.Organizations.Select(o => o.AccountId!.Value).SingleAsync());

    private Task<List<AuditEntry>> ActsAsync(long staffId) =>
        app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditActions.OrganizationAct && e.ActorId == staffId).ToListAsync());

    private static Dictionary<string, string> Compose(string text, string? postAs) =>
        postAs is null
            ? new() { ["Input.Text"] = text, ["Input.Visibility"] = "public" }
            : new() { ["Input.Text"] = text, ["Input.Visibility"] = "public", ["Input.PostAs"] = postAs };

    private async Task<HttpClient> SignedInAsync(string username)
    {
        var browser = app.Browser();
        await OAuthTests.SignInAsync(browser, username, username == "owner" ? KindredApp.OwnerPassword : null);
        return browser;
    }

    /// <summary>The consent form posted with "act as the organization" ticked or not; the app's credentials with it.</summary>
    private async Task<(HttpResponseMessage Response, string Id, string Secret)> AuthorizeAsync(HttpClient browser, bool asOrganization)
    {
        var (id, secret) = await app.RegisterAppAsync("read write follow", Callback);
        var authorize = $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString(Callback)}&scope={Uri.EscapeDataString("read write follow")}";
        var consent = await Html.GetAsync(browser, authorize);
        var fields = HiddenPattern().Matches(consent)
            .Where(m => m.Groups[1].Value != "__RequestVerificationToken")
            .GroupBy(m => m.Groups[1].Value)
            .ToDictionary(g => g.Key, g => WebUtility.HtmlDecode(g.First().Groups[2].Value));
        fields["decision"] = "allow";
        if (asOrganization)
        {
            fields["as_organization"] = "true";
        }
        return (await Html.PostFormAsync(browser, authorize, null, fields, "/oauth/authorize"), id, secret);
    }

    /// <summary>A token through the authorization-code flow, with "act as the organization" ticked or not.</summary>
    private async Task<string> TokenAsync(HttpClient browser, bool asOrganization)
    {
        var (allow, id, secret) = await AuthorizeAsync(browser, asOrganization);
        Assert.Equal(HttpStatusCode.Redirect, allow.StatusCode);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(allow.Headers.Location!.Query);
        Assert.True(query.ContainsKey("code"), allow.Headers.Location!.OriginalString);
        var exchange = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = Callback,
        }));
        return (await KindredApp.Json(exchange, HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
    }

    [Fact]
    public async Task StaffAdminsAndTheOwnerMayActAsTheOrganizationAndNobodyElse()
    {
        var organization = await OrganizationIdAsync();
        var member = await app.CreateUserAsync("voice_member");
        var staff = await app.CreateUserAsync("voice_staff", UserRole.Staff);
        var moderator = await app.CreateUserAsync("voice_moderator", UserRole.Moderator);
        var admin = await app.CreateUserAsync("voice_admin", UserRole.Admin);
        var owner = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "owner"));
        var demoted = await app.CreateUserAsync("voice_demoted", UserRole.Staff);
        var suspended = await app.CreateUserAsync("voice_suspended", UserRole.Staff);
        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AccountService>().SetRoleAsync(null, UserRole.Owner, demoted.Id, UserRole.Member);
            await s.GetRequiredService<AccountService>().SuspendAsync(null, UserRole.Owner, suspended.Id);
            return true;
        });

        var expected = new Dictionary<long, bool>
        {
            [member.Id] = false,
            [staff.Id] = true,
            [moderator.Id] = false,
            [admin.Id] = true,
            [owner.Id] = true,
            [demoted.Id] = false,
            [suspended.Id] = false,
            [organization] = false,
        };
        foreach (var (user, may) in expected)
        {
            var account = await app.WithServicesAsync(s => s.GetRequiredService<OrganizationVoice>().AccountForAsync(user));
            Assert.True(may == (account == organization), $"user {user}: expected {may}");
            Assert.True(may || account is null);
        }
    }

    [Fact]
    public async Task StaffPostAsTheOrganizationFromTheComposerAndTheAuditLogNamesThem()
    {
        var staff = await app.CreateUserAsync("composer_staff", UserRole.Staff);
        var organization = await OrganizationIdAsync();
        var browser = await SignedInAsync("composer_staff");
        var page = await Html.GetAsync(browser, "/compose");
        Assert.Contains("id=\"compose-as\"", page, StringComparison.Ordinal);
        Assert.Contains("@" + Organization, page, StringComparison.Ordinal);

        var response = await Html.PostFormAsync(browser, "/compose", "compose", Compose("Our garden opens on Saturday", "organization"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith($"/@{Organization}/", Html.Location(response), StringComparison.Ordinal);
        var status = await app.WithDbAsync(db => db.Statuses.AsNoTracking().SingleAsync(s => s.Text == "Our garden opens on Saturday"));
        Assert.Equal(organization, status.AccountId);
        var entry = Assert.Single(await ActsAsync(staff.Id), e => e.TargetKind == "status");
        Assert.Equal(status.Id, entry.TargetId);
        Assert.Contains("@composer_staff", entry.Summary, StringComparison.Ordinal);

        // "Me" stays the staff member's own post, with nothing in the organization's log.
        var own = await Html.PostFormAsync(browser, "/compose", "compose", Compose("My own words", "me"));
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Equal(staff.Id, await app.WithDbAsync(db => db.Statuses.Where(s => s.Text == "My own words").Select(s => s.AccountId).SingleAsync()));
        Assert.Single(await ActsAsync(staff.Id));
    }

    [Theory]
    [InlineData("forged_member", UserRole.Member)]
    [InlineData("forged_moderator", UserRole.Moderator)]
    public async Task MembersAndModeratorsSeeNoPostAsChoiceAndAForgedOneChangesNothing(string username, UserRole role)
    {
        var user = await app.CreateUserAsync(username, role);
        var organization = await OrganizationIdAsync();
        var browser = await SignedInAsync(username);
        var page = await Html.GetAsync(browser, "/compose");
        Assert.DoesNotContain("compose-as", page, StringComparison.Ordinal);
        var before = await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == organization));

        var forged = await Html.PostFormAsync(browser, "/compose", "compose", Compose("Pretending to be the charity " + username, "organization"));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Only the organization", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == organization)));
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.Text.StartsWith("Pretending"))));
        Assert.Empty(await ActsAsync(user.Id));
    }

    [Fact]
    public async Task OnlyStaffSeeWhoSentTheOrganizationsPostAndMembersFindNoTraceOfThem()
    {
        await app.CreateUserAsync("sender_staff", UserRole.Staff);
        await app.CreateUserAsync("sender_colleague", UserRole.Admin);
        await app.CreateUserAsync("sender_reader");
        var staffBrowser = await SignedInAsync("sender_staff");
        var posted = await Html.PostFormAsync(staffBrowser, "/compose", "compose", Compose("Thank you all for coming", "organization"));
        var path = Html.Location(posted);

        var colleague = await Html.GetAsync(await SignedInAsync("sender_colleague"), path);
        Assert.Contains("Sent by @sender_staff", colleague, StringComparison.Ordinal);

        var member = await Html.GetAsync(await SignedInAsync("sender_reader"), path);
        var anonymous = await Html.GetAsync(app.Browser(), path);
        var id = path[(path.LastIndexOf('/') + 1)..];
        var json = await (await app.Api(await app.TokenAsync("sender_reader")).GetAsync($"/api/v1/statuses/{id}")).Content.ReadAsStringAsync();
        var publicJson = await (await app.Api().GetAsync($"/api/v1/statuses/{id}")).Content.ReadAsStringAsync();
        foreach (var seen in new[] { member, anonymous, json, publicJson })
        {
            Assert.Contains("Thank you all for coming", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("sender_staff", seen, StringComparison.Ordinal);
            Assert.DoesNotContain("Sent by", seen, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task StaffBoostAsTheOrganizationFromAPostAndMembersMayNot()
    {
        var staff = await app.CreateUserAsync("booster_staff", UserRole.Staff);
        await app.CreateUserAsync("booster_member");
        var organization = await OrganizationIdAsync();
        var post = await app.PostStatusAsync(await app.TokenAsync("booster_member"), "Bake sale this Sunday");
        var id = long.Parse(post.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        var path = $"/@booster_member/{id}";

        var memberBrowser = await SignedInAsync("booster_member");
        Assert.DoesNotContain("boost-as-organization", await Html.GetAsync(memberBrowser, path), StringComparison.Ordinal);
        var forged = await Html.PostFormAsync(memberBrowser, path, null, new Dictionary<string, string> { ["act"] = "boost-as-organization", ["returnUrl"] = path }, $"/posts/{id}/act");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.ReblogOfId == id)));

        var staffBrowser = await SignedInAsync("booster_staff");
        Assert.Contains("boost-as-organization", await Html.GetAsync(staffBrowser, path), StringComparison.Ordinal);
        var boost = await Html.PostFormAsync(staffBrowser, path, null, new Dictionary<string, string> { ["act"] = "boost-as-organization", ["returnUrl"] = path }, $"/posts/{id}/act");
        Assert.Equal(HttpStatusCode.Redirect, boost.StatusCode);
        var reblog = await app.WithDbAsync(db => db.Statuses.AsNoTracking().SingleAsync(s => s.ReblogOfId == id));
        Assert.Equal(organization, reblog.AccountId);
        Assert.Contains(await ActsAsync(staff.Id), e => e.TargetKind == "status" && e.TargetId == reblog.Id);
    }

    [Fact]
    public async Task AStaffMembersAppGrantedActAsPostsAsTheOrganizationAndTheLogNamesTheStaffMember()
    {
        var staff = await app.CreateUserAsync("app_staff", UserRole.Staff);
        var organization = await OrganizationIdAsync();
        var browser = await SignedInAsync("app_staff");
        var granted = await TokenAsync(browser, asOrganization: true);
        var plain = await TokenAsync(browser, asOrganization: false);

        var me = await KindredApp.Json(await app.Api(granted).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal(Organization, me.GetProperty("username").GetString());
        var status = await app.PostStatusAsync(granted, "Posted from an app for the charity");
        Assert.Equal(Organization, status.GetProperty("account").GetProperty("username").GetString());
        var statusId = long.Parse(status.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        Assert.Contains(await ActsAsync(staff.Id), e => e.TargetKind == "status" && e.TargetId == statusId);

        // A write that deletes in SQL is recorded too, naming the call.
        await KindredApp.Json(await app.Api(granted).PostAsync($"/api/v1/statuses/{statusId}/bookmark", null), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(granted).PostAsync($"/api/v1/statuses/{statusId}/unbookmark", null), HttpStatusCode.OK);
        Assert.Contains(await ActsAsync(staff.Id), e => e.Summary.Contains("/unbookmark", StringComparison.Ordinal));
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.OrganizationGrant && e.ActorId == staff.Id)));

        // The same staff member's other app, without the grant, is the staff member.
        var own = await KindredApp.Json(await app.Api(plain).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal("app_staff", own.GetProperty("username").GetString());
        var ownStatus = await app.PostStatusAsync(plain, "My own post from an app");
        Assert.Equal("app_staff", ownStatus.GetProperty("account").GetProperty("username").GetString());
        Assert.DoesNotContain(await ActsAsync(staff.Id), e => e.TargetId == long.Parse(ownStatus.GetProperty("id").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(1, await app.WithDbAsync(db => db.Statuses.CountAsync(s => s.AccountId == organization && s.Text == "Posted from an app for the charity")));

        // An app token has no user and stays that way.
        var appToken = await app.AppTokenAsync("read write");
        await KindredApp.Json(await app.Api(appToken).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "x" })), HttpStatusCode.UnprocessableEntity);
    }

    [Theory]
    [InlineData("consent_member", UserRole.Member)]
    [InlineData("consent_moderator", UserRole.Moderator)]
    public async Task OnlyStaffAreOfferedTheGrantAndAForgedOneGetsNoCode(string username, UserRole role)
    {
        var user = await app.CreateUserAsync(username, role);
        var browser = await SignedInAsync(username);
        var (id, _) = await app.RegisterAppAsync("read write follow", Callback);
        var consent = await Html.GetAsync(browser, $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString(Callback)}&scope=read");
        Assert.DoesNotContain("as_organization", consent, StringComparison.Ordinal);

        var (forged, _, _) = await AuthorizeAsync(browser, asOrganization: true);
        Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.Contains("error=access_denied", forged.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", forged.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.ActorId == user.Id && e.Action == AuditActions.OrganizationGrant)));
    }

    [Fact]
    public async Task ALinkCannotTickTheGrantForTheStaffMember()
    {
        await app.CreateUserAsync("linked_staff", UserRole.Staff);
        var browser = await SignedInAsync("linked_staff");
        var (id, secret) = await app.RegisterAppAsync("read write follow", Callback);
        var authorize = $"/oauth/authorize?response_type=code&client_id={id}&redirect_uri={Uri.EscapeDataString(Callback)}&scope=read&as_organization=true";
        var consent = await Html.GetAsync(browser, authorize);
        Assert.Contains("id=\"as-organization\"", consent, StringComparison.Ordinal);
        var fields = HiddenPattern().Matches(consent)
            .Where(m => m.Groups[1].Value != "__RequestVerificationToken")
            .ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.DoesNotContain("as_organization", fields.Keys);
        fields["decision"] = "allow";
        var allow = await Html.PostFormAsync(browser, authorize, null, fields, "/oauth/authorize");
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(allow.Headers.Location!.Query);
        var exchange = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = id,
            ["client_secret"] = secret,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = Callback,
        }));
        var token = (await KindredApp.Json(exchange, HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        var me = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        Assert.Equal("linked_staff", me.GetProperty("username").GetString());
    }

    [Fact]
    public async Task TheGrantIsListedForTheStaffMemberAndTheOwnerWhoMayRevokeIt()
    {
        var staff = await app.CreateUserAsync("listed_staff", UserRole.Staff);
        var browser = await SignedInAsync("listed_staff");
        var token = await TokenAsync(browser, asOrganization: true);
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);

        var mine = await Html.GetAsync(browser, "/settings/apps");
        Assert.Contains("<dt>Acts as</dt>", mine, StringComparison.Ordinal);
        Assert.DoesNotContain("organization-apps", mine, StringComparison.Ordinal);

        var owner = await SignedInAsync("owner");
        var list = await Html.GetAsync(owner, "/settings/apps");
        Assert.Contains("organization-apps", list, StringComparison.Ordinal);
        Assert.Contains("@listed_staff", list, StringComparison.Ordinal);
        // Other tests of the class leave grants of their own; this one revokes its staff member's.
        var value = Regex.Match(list, $"name=\"Grant\" value=\"({staff.Id.ToString(CultureInfo.InvariantCulture)}:[^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(value);
        var revoke = await Html.PostFormAsync(owner, "/settings/apps", "grants", new Dictionary<string, string> { ["Grant"] = value });
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.Unauthorized);
        Assert.DoesNotContain("@listed_staff", await Html.GetAsync(owner, "/settings/apps"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LosingTheStaffRoleOrBeingSuspendedEndsTheOrganizationGrantAtOnce()
    {
        var demoted = await app.CreateUserAsync("ending_demoted", UserRole.Staff);
        var suspended = await app.CreateUserAsync("ending_suspended", UserRole.Admin);
        var demotedToken = await TokenAsync(await SignedInAsync("ending_demoted"), asOrganization: true);
        var suspendedToken = await TokenAsync(await SignedInAsync("ending_suspended"), asOrganization: true);
        foreach (var token in new[] { demotedToken, suspendedToken })
        {
            await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.OK);
        }

        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AccountService>().SetRoleAsync(null, UserRole.Owner, demoted.Id, UserRole.Member);
            await s.GetRequiredService<AccountService>().SuspendAsync(null, UserRole.Owner, suspended.Id);
            return true;
        });
        foreach (var token in new[] { demotedToken, suspendedToken })
        {
            await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.Unauthorized);
            await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/statuses", new FormUrlEncodedContent(new Dictionary<string, string> { ["status"] = "still here?" })), HttpStatusCode.Unauthorized);
        }
        Assert.False(await app.WithDbAsync(db => db.Statuses.AnyAsync(s => s.Text == "still here?")));
    }

    [Fact]
    public async Task AGrantWhoseRoleChangedWithoutEndingTokensIsRefusedNotTurnedIntoTheStaffMember()
    {
        // The role is read on every request: even a token that outlived the role (written straight to the database,
        // as a future path might) is refused rather than acting as the organization or quietly as the staff member.
        var staff = await app.CreateUserAsync("stale_staff", UserRole.Staff);
        var token = await TokenAsync(await SignedInAsync("stale_staff"), asOrganization: true);
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == staff.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Role, UserRole.Member)));
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials"), HttpStatusCode.Unauthorized);
    }

    private static Dictionary<string, string> EventFields(string title, string? organizeAs)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Title"] = title,
            ["Input.Description"] = "Everyone is welcome.",
            ["Input.Date"] = DateTime.UtcNow.AddDays(20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Input.StartTime"] = "18:00",
            ["Input.EndTime"] = "20:00",
            ["Input.TimeZone"] = "Europe/Paris",
            ["Input.Repeat"] = "None",
            ["Input.Mode"] = "InPerson",
            ["Input.PlaceName"] = "The hall",
            ["Input.AreaName"] = "Vaise",
            ["Input.Visibility"] = "Public",
        };
        if (organizeAs is not null)
        {
            fields["Input.OrganizeAs"] = organizeAs;
        }
        return fields;
    }

    [Fact]
    public async Task StaffOrganizeAnEventAsTheOrganizationAndTheirColleaguesManageIt()
    {
        var staff = await app.CreateUserAsync("event_staff", UserRole.Staff);
        var colleague = await app.CreateUserAsync("event_colleague", UserRole.Staff);
        await app.CreateUserAsync("event_member");
        var organization = await OrganizationIdAsync();
        var browser = await SignedInAsync("event_staff");
        Assert.Contains("id=\"event-as\"", await Html.GetAsync(browser, "/events/new"), StringComparison.Ordinal);
        var created = await Html.PostFormAsync(browser, "/events/new", "event-new", EventFields("Open day at the hall", "organization"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var ev = await app.WithDbAsync(db => db.Events.AsNoTracking().SingleAsync(e => e.Title == "Open day at the hall"));
        Assert.Equal(organization, ev.OrganizerId);
        Assert.Contains(await ActsAsync(staff.Id), e => e.TargetKind == "event" && e.TargetId == ev.Id);

        // A colleague (staff, not an admin) manages it, and the change names them; a member may not.
        var edit = $"/events/{ev.Id.ToString(CultureInfo.InvariantCulture)}/edit";
        var colleagueBrowser = await SignedInAsync("event_colleague");
        var changed = await Html.PostFormAsync(colleagueBrowser, edit, "event-edit", EventFields("Open day at the big hall", null));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("Open day at the big hall", await app.WithDbAsync(db => db.Events.Where(e => e.Id == ev.Id).Select(e => e.Title).SingleAsync()));
        Assert.Contains(await ActsAsync(colleague.Id), e => e.TargetKind == "event" && e.TargetId == ev.Id);
        await Html.GetAsync(await SignedInAsync("event_member"), edit, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task AMembersForgedOrganizeAsIsRefusedAndMakesNoEvent()
    {
        var member = await app.CreateUserAsync("event_forger");
        var browser = await SignedInAsync("event_forger");
        Assert.DoesNotContain("event-as", await Html.GetAsync(browser, "/events/new"), StringComparison.Ordinal);
        var forged = await Html.PostFormAsync(browser, "/events/new", "event-new", EventFields("Forged charity event", "organization"));
        Assert.NotEqual(HttpStatusCode.Redirect, forged.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Events.AnyAsync(e => e.Title == "Forged charity event")));
        Assert.Empty(await ActsAsync(member.Id));
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenPattern();
}

public sealed class OrganizationVoiceSqliteTests(SqliteApp app) : OrganizationVoiceTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationVoicePostgresTests(PostgresApp app) : OrganizationVoiceTests(app), IClassFixture<PostgresApp>;
