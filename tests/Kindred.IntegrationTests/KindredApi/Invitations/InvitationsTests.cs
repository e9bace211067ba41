using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.KindredApi.Invitations;

/// <summary>The Kindred invitations API: creating, listing, revoking, who joined, e-mail invitations and their cap,
/// others' invitations (404), scopes, paging, the race for the last use, group invitations, and the staff referral tree.</summary>
public abstract class InvitationsTests(KindredApp app)
{
    private static int users;

    private async Task<(User User, string Token)> MemberAsync(string prefix, UserRole role = UserRole.Member, string scopes = "read write")
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        return (user, await app.TokenAsync(name, scopes));
    }

    private async Task<JsonElement> CreateAsync(string token, Dictionary<string, string>? fields = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent(fields ?? [])), HttpStatusCode.OK);

    private async Task<HttpResponseMessage> SignUpAsync(string username, string code) =>
        await app.Api(await app.AppTokenAsync("read write")).PostAsJsonAsync("/api/v1/accounts",
            new { username, email = $"{username}@example.org", password = "a long enough password", agreement = true, invite_code = code });

    private Task<int> InvitationCountAsync(long creatorId) => app.WithDbAsync(db => db.Invitations.CountAsync(i => i.CreatedById == creatorId));

    private Task<bool> UserExistsAsync(string username) => app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == username));

    [Fact]
    public async Task AMemberCreatesListsAndRevokesAnInvitationLink()
    {
        var (me, token) = await MemberAsync("iv_maker");
        var created = await CreateAsync(token, new() { ["message"] = "Come to the garden!", ["max_uses"] = "3", ["expires_in"] = "86400" });
        Assert.Equal("Come to the garden!", created.GetProperty("message").GetString());
        Assert.Equal(3, created.GetProperty("max_uses").GetInt32());
        Assert.Equal(0, created.GetProperty("uses").GetInt32());
        Assert.Equal("active", created.GetProperty("state").GetString());
        var code = created.GetProperty("code").GetString()!;
        Assert.Equal($"http://localhost/invite/{code}", created.GetProperty("url").GetString());
        var id = created.GetProperty("id").GetString()!;

        var list = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/kindred/invitations"), HttpStatusCode.OK);
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
        var one = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/invitations/{id}"), HttpStatusCode.OK);
        Assert.Equal(code, one.GetProperty("code").GetString());

        var revoked = await KindredApp.Json(await app.Api(token).DeleteAsync($"/api/v1/kindred/invitations/{id}"), HttpStatusCode.OK);
        Assert.Equal("revoked", revoked.GetProperty("state").GetString());
        var refused = await KindredApp.Json(await SignUpAsync("iv_toolate", code), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("withdrawn", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(await UserExistsAsync("iv_toolate"));
        Assert.Equal(1, await InvitationCountAsync(me.Id));
    }

    [Theory]
    [InlineData("max_uses", "0", "max_uses")]
    [InlineData("max_uses", "many", "max_uses")]
    [InlineData("expires_in", "60", "expires_in")]
    [InlineData("expires_in", "40000000", "expires_in")]
    [InlineData("message", null, "message")]
    [InlineData("group_id", "abc", "group_id")]
    [InlineData("group_id", "12345", "group_id")]
    [InlineData("email", "not an address", "email")]
    public async Task BadInputIsRefusedWithAMessageAndCreatesNothing(string field, string? value, string errorField)
    {
        var (me, token) = await MemberAsync("iv_bad");
        var response = await app.Api(token).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent([new(field, value ?? new string('x', 501))]));
        var json = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.True(json.GetProperty("details").TryGetProperty(errorField, out _), json.ToString());
        Assert.Equal(0, await InvitationCountAsync(me.Id));
    }

    [Fact]
    public async Task AnotherMembersInvitationIsNotFoundOnEveryMethod()
    {
        var (_, owner) = await MemberAsync("iv_own");
        var (_, other) = await MemberAsync("iv_other");
        var id = (await CreateAsync(owner)).GetProperty("id").GetString()!;
        foreach (var (method, path) in new[] { ("GET", $"/api/v1/kindred/invitations/{id}"), ("DELETE", $"/api/v1/kindred/invitations/{id}"), ("GET", $"/api/v1/kindred/invitations/{id}/accounts"), ("GET", "/api/v1/kindred/invitations/999999999"), ("GET", "/api/v1/kindred/invitations/nope") })
        {
            var response = await app.Api(other).SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }
        Assert.Empty((await KindredApp.Json(await app.Api(other).GetAsync("/api/v1/kindred/invitations"), HttpStatusCode.OK)).EnumerateArray());
        var still = await KindredApp.Json(await app.Api(owner).GetAsync($"/api/v1/kindred/invitations/{id}"), HttpStatusCode.OK);
        Assert.Equal("active", still.GetProperty("state").GetString());
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/v1/kindred/invitations", "read" },
        { "POST", "/api/v1/kindred/invitations", "write" },
        { "GET", "/api/v1/kindred/invitations/{id}", "read" },
        { "DELETE", "/api/v1/kindred/invitations/{id}", "write" },
        { "GET", "/api/v1/kindred/invitations/{id}/accounts", "read" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScopeAndAUser(string method, string path, string scope)
    {
        var (me, full) = await MemberAsync("iv_scope");
        var id = (await CreateAsync(full)).GetProperty("id").GetString()!;
        var url = path.Replace("{id}", id, StringComparison.Ordinal);
        HttpRequestMessage Request() => new(new HttpMethod(method), url) { Content = method == "POST" ? new FormUrlEncodedContent([new("message", "hi")]) : null };
        var lacking = await app.TokenAsync(me.UserName!, scope == "read" ? "write" : "read");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.Api(await app.AppTokenAsync("read write")).SendAsync(Request())).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().SendAsync(Request())).StatusCode);
        Assert.Equal(1, await InvitationCountAsync(me.Id));
        Assert.False(await app.WithDbAsync(db => db.Invitations.AnyAsync(i => i.CreatedById == me.Id && i.Revoked)));
        var right = await app.Api(await app.TokenAsync(me.UserName!, scope)).SendAsync(Request());
        Assert.True(right.StatusCode == HttpStatusCode.OK, $"{method} {url} with {scope}: {(int)right.StatusCode}");
    }

    [Fact]
    public async Task TheListPagesWithALinkHeaderAndMinId()
    {
        var (_, token) = await MemberAsync("iv_pager");
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateAsync(token)).GetProperty("id").GetString()!);
        }
        var first = await app.Api(token).GetAsync("/api/v1/kindred/invitations?limit=2");
        var page = await KindredApp.Json(first, HttpStatusCode.OK);
        Assert.Equal([ids[2], ids[1]], page.EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList());
        var link = string.Join(",", first.Headers.GetValues("Link"));
        Assert.Contains($"max_id={ids[1]}", link, StringComparison.Ordinal);
        Assert.Contains($"min_id={ids[2]}", link, StringComparison.Ordinal);
        var older = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/invitations?limit=2&max_id={ids[1]}"), HttpStatusCode.OK);
        Assert.Equal(ids[0], Assert.Single(older.EnumerateArray()).GetProperty("id").GetString());
        var newer = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/invitations?limit=1&min_id={ids[0]}"), HttpStatusCode.OK);
        Assert.Equal(ids[1], Assert.Single(newer.EnumerateArray()).GetProperty("id").GetString());
        var empty = await app.Api(token).GetAsync($"/api/v1/kindred/invitations?min_id={ids[2]}");
        Assert.Empty((await KindredApp.Json(empty, HttpStatusCode.OK)).EnumerateArray());
        Assert.False(empty.Headers.Contains("Link"));
    }

    [Fact]
    public async Task EverySignUpRemembersWhoInvitedWhomAndTheInviterSeesThem()
    {
        var (me, token) = await MemberAsync("iv_host");
        var invitation = await CreateAsync(token, new() { ["max_uses"] = "5" });
        var code = invitation.GetProperty("code").GetString()!;
        var id = invitation.GetProperty("id").GetString()!;
        await KindredApp.Json(await SignUpAsync("iv_guest_a", code), HttpStatusCode.OK);
        await KindredApp.Json(await SignUpAsync("iv_guest_b", code), HttpStatusCode.OK);

        var guest = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "iv_guest_a"));
        Assert.Equal(me.Id, guest.InvitedById);
        Assert.Equal(long.Parse(id, CultureInfo.InvariantCulture), guest.InvitationId);
        var joined = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/invitations/{id}/accounts"), HttpStatusCode.OK);
        Assert.Equal(["iv_guest_b", "iv_guest_a"], joined.EnumerateArray().Select(a => a.GetProperty("username").GetString()).ToList());
        var paged = await app.Api(token).GetAsync($"/api/v1/kindred/invitations/{id}/accounts?limit=1");
        Assert.Equal("iv_guest_b", Assert.Single((await KindredApp.Json(paged, HttpStatusCode.OK)).EnumerateArray()).GetProperty("username").GetString());
        Assert.Contains("max_id=", string.Join(",", paged.Headers.GetValues("Link")), StringComparison.Ordinal);
        var after = await KindredApp.Json(await app.Api(token).GetAsync($"/api/v1/kindred/invitations/{id}"), HttpStatusCode.OK);
        Assert.Equal(2, after.GetProperty("uses").GetInt32());
    }

    [Fact]
    public async Task ExpiredAndUsedUpInvitationsSayWhyAndCreateNoAccount()
    {
        var (me, token) = await MemberAsync("iv_limits");
        var expired = await CreateAsync(token, new() { ["expires_in"] = "3600" });
        var expiredId = long.Parse(expired.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
        await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == expiredId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));
        var refused = await KindredApp.Json(await SignUpAsync("iv_late", expired.GetProperty("code").GetString()!), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("expired", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(refused.GetProperty("details").TryGetProperty("invitation", out _));
        Assert.False(await UserExistsAsync("iv_late"));

        var single = (await CreateAsync(token, new() { ["max_uses"] = "1" })).GetProperty("code").GetString()!;
        await KindredApp.Json(await SignUpAsync("iv_first", single), HttpStatusCode.OK);
        var usedUp = await KindredApp.Json(await SignUpAsync("iv_second", single), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("used as many times", usedUp.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(await UserExistsAsync("iv_second"));

        var unknown = await KindredApp.Json(await SignUpAsync("iv_nocode", "doesnotexist"), HttpStatusCode.UnprocessableEntity);
        Assert.Contains("no invitation with this code", unknown.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False(await UserExistsAsync("iv_nocode"));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync(u => u.InvitedById == me.Id)));
    }

    [Fact]
    public async Task SignUpsRacingForTheLastUsesNeverGetMoreThanTheLimit()
    {
        var (me, token) = await MemberAsync("iv_race");
        for (var round = 0; round < 3; round++)
        {
            var invitation = await CreateAsync(token, new() { ["max_uses"] = "2" });
            var code = invitation.GetProperty("code").GetString()!;
            var responses = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => SignUpAsync($"iv_racer{round}_{i}", code)));
            Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
            Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.OK), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode));
            var id = long.Parse(invitation.GetProperty("id").GetString()!, CultureInfo.InvariantCulture);
            Assert.Equal(2, await app.WithDbAsync(db => db.Users.CountAsync(u => u.InvitationId == id)));
            Assert.Equal(2, await app.WithDbAsync(db => db.Invitations.Where(i => i.Id == id).Select(i => i.Uses).SingleAsync()));
        }
        Assert.Equal(6, await app.WithDbAsync(db => db.Users.CountAsync(u => u.InvitedById == me.Id)));
    }

    [Fact]
    public async Task AGroupInvitationMakesTheNewcomerAMemberOfTheGroup()
    {
        var (owner, token) = await MemberAsync("iv_grouper");
        var group = await InvitationFixtures.CreateGroupAsync(app, owner.Id, GroupJoinPolicy.InviteOnly, GroupVisibility.Secret);
        var invitation = await CreateAsync(token, new() { ["group_id"] = group.Id.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(group.Id.ToString(CultureInfo.InvariantCulture), invitation.GetProperty("group_id").GetString());
        await KindredApp.Json(await SignUpAsync("iv_joiner", invitation.GetProperty("code").GetString()!), HttpStatusCode.OK);

        var joiner = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "iv_joiner"));
        var membership = await app.WithDbAsync(db => db.GroupMemberships.AsNoTracking().SingleAsync(m => m.GroupId == group.Id && m.AccountId == joiner.Id));
        Assert.Equal(GroupRole.Member, membership.Role);
        Assert.Equal(joiner.InvitationId, membership.InvitationId);
        Assert.Equal(2, await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).Select(g => g.MembersCount).SingleAsync()));
    }

    [Fact]
    public async Task OnlyMembersWhoMayInviteToAGroupCanMakeAGroupInvitation()
    {
        var (owner, _) = await MemberAsync("iv_gowner");
        var (member, memberToken) = await MemberAsync("iv_gmember");
        var (moderator, moderatorToken) = await MemberAsync("iv_gmod");
        var (_, outsiderToken) = await MemberAsync("iv_goutsider");
        var open = await InvitationFixtures.CreateGroupAsync(app, owner.Id, GroupJoinPolicy.Open);
        var inviteOnly = await InvitationFixtures.CreateGroupAsync(app, owner.Id, GroupJoinPolicy.InviteOnly);
        var secret = await InvitationFixtures.CreateGroupAsync(app, owner.Id, GroupJoinPolicy.Approval, GroupVisibility.Secret);
        await InvitationFixtures.AddMemberAsync(app, open.Id, member.Id);
        await InvitationFixtures.AddMemberAsync(app, inviteOnly.Id, member.Id);
        await InvitationFixtures.AddMemberAsync(app, inviteOnly.Id, moderator.Id, GroupRole.Moderator);

        async Task<HttpStatusCode> TryAsync(string token, Group group) =>
            (await app.Api(token).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent([new("group_id", group.Id.ToString(CultureInfo.InvariantCulture))]))).StatusCode;

        Assert.Equal(HttpStatusCode.OK, await TryAsync(memberToken, open));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await TryAsync(memberToken, inviteOnly));
        Assert.Equal(HttpStatusCode.OK, await TryAsync(moderatorToken, inviteOnly));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await TryAsync(outsiderToken, open));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, await TryAsync(outsiderToken, secret));
        Assert.Equal(2, await app.WithDbAsync(db => db.Invitations.CountAsync(i => i.GroupId != null && (i.CreatedById == member.Id || i.CreatedById == moderator.Id))));
    }

    [Fact]
    public async Task AnEmailInvitationIsSentInTheChosenLanguageButNeverToAnExistingAccount()
    {
        var (me, token) = await MemberAsync("iv_mailer");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Id == me.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.DisplayName, "Amina")));
        var english = await CreateAsync(token, new() { ["email"] = "friend.en@example.net", ["message"] = "We plant on Saturdays." });
        Assert.Equal("friend.en@example.net", english.GetProperty("email").GetString());
        Assert.Equal(1, english.GetProperty("max_uses").GetInt32());
        var mail = Mail("friend.en@example.net");
        Assert.Equal("Amina invites you to join Helping Hands", mail.Subject);
        Assert.Contains("We plant on Saturdays.", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/invite/{english.GetProperty("code").GetString()}", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/invite/", mail.HtmlBody, StringComparison.Ordinal);

        var french = await CreateAsync(token, new() { ["email"] = "ami.fr@example.net", ["locale"] = "fr", ["message"] = "<b>Venez</b>" });
        var frMail = Mail("ami.fr@example.net");
        Assert.Equal("Amina vous invite à rejoindre Helping Hands", frMail.Subject);
        Assert.Contains("&lt;b&gt;Venez&lt;/b&gt;", frMail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("ami.fr@example.net", french.GetProperty("email").GetString());

        // The same answer for an address that already has an account, and no e-mail to it.
        var existing = await CreateAsync(token, new() { ["email"] = "owner@example.org" });
        Assert.Equal("owner@example.org", existing.GetProperty("email").GetString());
        Assert.Equal("active", existing.GetProperty("state").GetString());
        Assert.DoesNotContain(Messages(), m => m.To.Mailboxes.Any(a => a.Address == "owner@example.org") && (m.Subject ?? "").Contains("invite", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task EmailInvitationsStopAtTheDailyCap()
    {
        var (me, token) = await MemberAsync("iv_capped");
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync(token, new() { ["email"] = $"cap{i}@example.net" });
        }
        var refused = await app.Api(token).PostAsync("/api/v1/kindred/invitations", new FormUrlEncodedContent([new("email", "cap9@example.net")]));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(3, await InvitationCountAsync(me.Id));
        Assert.DoesNotContain(Messages(), m => m.To.Mailboxes.Any(a => a.Address == "cap9@example.net"));
        // Links are not capped.
        await CreateAsync(token);
    }

    [Fact]
    public async Task TheReferralTreeIsForStaffOnly()
    {
        var (root, rootToken) = await MemberAsync("iv_tree_root");
        var code = (await CreateAsync(rootToken, new() { ["max_uses"] = "10" })).GetProperty("code").GetString()!;
        var childToken = (await KindredApp.Json(await SignUpAsync("iv_tree_child", code), HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        await KindredApp.Json(await SignUpAsync("iv_tree_sibling", code), HttpStatusCode.OK);
        var grandCode = (await CreateAsync(childToken)).GetProperty("code").GetString()!;
        var grandToken = (await KindredApp.Json(await SignUpAsync("iv_tree_grandchild", grandCode), HttpStatusCode.OK)).GetProperty("access_token").GetString()!;
        var grandchildId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "iv_tree_grandchild").Select(u => u.Id).SingleAsync());
        await app.PostStatusAsync(grandToken, "Hello, garden!");

        var (_, admin) = await MemberAsync("iv_tree_admin", UserRole.Admin, "read write admin:read");
        var tree = await KindredApp.Json(await app.Api(admin).GetAsync($"/api/v1/admin/kindred/referrals?root={root.Id}"), HttpStatusCode.OK);
        var top = Assert.Single(tree.GetProperty("roots").EnumerateArray());
        Assert.Equal(2, top.GetProperty("direct_count").GetInt32());
        Assert.Equal(3, top.GetProperty("total_count").GetInt32());
        var child = top.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("username").GetString() == "iv_tree_child");
        Assert.Equal(1, child.GetProperty("total_count").GetInt32());
        var grandchild = Assert.Single(child.GetProperty("children").EnumerateArray());
        Assert.Equal(grandchildId.ToString(CultureInfo.InvariantCulture), grandchild.GetProperty("account_id").GetString());
        Assert.True(grandchild.GetProperty("statuses_last_30_days").GetInt32() == 1, grandchild.ToString());
        Assert.NotEqual(JsonValueKind.Null, grandchild.GetProperty("last_active_at").ValueKind);

        var whole = await KindredApp.Json(await app.Api(admin).GetAsync("/api/v1/admin/kindred/referrals?depth=1"), HttpStatusCode.OK);
        var listed = whole.GetProperty("roots").EnumerateArray().Single(r => r.GetProperty("username").GetString() == root.UserName);
        var cut = listed.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("username").GetString() == "iv_tree_child");
        Assert.Empty(cut.GetProperty("children").EnumerateArray());
        Assert.Equal(1, cut.GetProperty("more_children_count").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await app.Api(admin).GetAsync("/api/v1/admin/kindred/referrals?root=999999999")).StatusCode);

        var (_, member) = await MemberAsync("iv_tree_member", UserRole.Member, "read admin:read");
        var (_, moderator) = await MemberAsync("iv_tree_mod", UserRole.Moderator, "read admin:read");
        var (_, staffNoScope) = await MemberAsync("iv_tree_staff", UserRole.Staff, "read");
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(member).GetAsync("/api/v1/admin/kindred/referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(moderator).GetAsync("/api/v1/admin/kindred/referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(staffNoScope).GetAsync("/api/v1/admin/kindred/referrals")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api().GetAsync("/api/v1/admin/kindred/referrals")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheInvitationsApi()
    {
        var json = await KindredApp.Json(await app.Api().GetAsync("/openapi/v1.json"), HttpStatusCode.OK);
        var paths = json.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/kindred/invitations", out var invitations));
        Assert.True(invitations.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/kindred/invitations/{id}/accounts", out _));
        Assert.True(paths.TryGetProperty("/api/v1/admin/kindred/referrals", out _));
    }

    private List<MimeKit.MimeMessage> Messages() =>
        Directory.Exists(app.MailDirectory) ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(f => MimeKit.MimeMessage.Load(f)).ToList() : [];

    private MimeKit.MimeMessage Mail(string to) => Assert.Single(Messages(), m => m.To.Mailboxes.Any(a => a.Address == to));
}

/// <summary>A low daily cap, so the cap test reaches it quickly.</summary>
public sealed class InvitationsSqliteApp : KindredApp
{
    public InvitationsSqliteApp()
        : base(DatabaseKind.Sqlite) => Set("Kindred:Invitations:EmailsPerDay", "3");
}

public sealed class InvitationsPostgresApp : KindredApp
{
    public InvitationsPostgresApp()
        : base(DatabaseKind.Postgres) => Set("Kindred:Invitations:EmailsPerDay", "3");
}

public sealed class InvitationsSqliteTests(InvitationsSqliteApp app) : InvitationsTests(app), IClassFixture<InvitationsSqliteApp>;

public sealed class InvitationsPostgresTests(InvitationsPostgresApp app) : InvitationsTests(app), IClassFixture<InvitationsPostgresApp>;
