using System.Net;
using System.Net.Http.Json;
using Kindred.Core.Invitations;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Accounts;

public abstract class OpenRegistrationTests(KindredApp app)
{
    [Fact]
    public async Task AnAppTokenRegistersAnAccountAndGetsAUserToken()
    {
        var appToken = await app.AppTokenAsync("read write");
        var response = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "newbie", email = "newbie@example.org", password = "a long enough password", agreement = true, locale = "fr" });
        var json = await KindredApp.Json(response, HttpStatusCode.OK);
        var token = json.GetProperty("access_token").GetString()!;
        Assert.Equal("Bearer", json.GetProperty("token_type").GetString());

        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "newbie"));
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.Equal("fr", user.Locale);
        Assert.False(user.EmailConfirmed);
        // The confirmation e-mail is queued; sent, it lands in the data directory when no SMTP server is configured.
        await app.DeliverMailAsync();
        var mail = Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText).Single(m => m.Contains("newbie@example.org", StringComparison.Ordinal));
        Assert.Contains("/account/confirm?user=", mail, StringComparison.Ordinal);

        // Until the address is confirmed the token cannot be used to sign in through the web, but it is a real token.
        var introspect = await app.Api(token).GetAsync("/api/v1/apps/verify_credentials");
        Assert.Equal(HttpStatusCode.OK, introspect.StatusCode);
    }

    [Theory]
    [InlineData("bad name!", "x@example.org", "a long enough password", true, "username")]
    [InlineData("admin", "x@example.org", "a long enough password", true, "username")]
    [InlineData("okname", "not-an-email", "a long enough password", true, "email")]
    [InlineData("okname", "x@example.org", "short", true, "password")]
    [InlineData("okname", "x@example.org", "a long enough password", false, "agreement")]
    [InlineData("owner", "x@example.org", "a long enough password", true, "username")]
    public async Task BadRegistrationsNameTheFieldAndCreateNothing(string username, string email, string password, bool agreement, string field)
    {
        var appToken = await app.AppTokenAsync("read write");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        var response = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username, email, password, agreement, locale = "en" });
        var json = await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(json.GetProperty("details").TryGetProperty(field, out _), json.ToString());
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AUserTokenCannotRegisterAccounts()
    {
        var token = await app.TokenAsync("owner");
        var response = await app.Api(token).PostAsJsonAsync("/api/v1/accounts", new { username = "sneaky", email = "sneaky@example.org", password = "a long enough password", agreement = true });
        await KindredApp.Json(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task RegistrationWithoutATokenIsUnauthorized()
    {
        var response = await app.Api().PostAsJsonAsync("/api/v1/accounts", new { username = "anon", email = "anon@example.org", password = "a long enough password", agreement = true });
        await KindredApp.Json(response, HttpStatusCode.Unauthorized);
    }
}

public sealed class OpenRegistrationSqliteTests(SqliteApp app) : OpenRegistrationTests(app), IClassFixture<SqliteApp>;

public sealed class OpenRegistrationPostgresTests(PostgresApp app) : OpenRegistrationTests(app), IClassFixture<PostgresApp>;

public sealed class ApprovalRegistrationTests(ApprovalModeApp app) : IClassFixture<ApprovalModeApp>
{
    [Fact]
    public async Task ApprovalModeNeedsAReasonAndQueuesTheApplicant()
    {
        var appToken = await app.AppTokenAsync("read write");
        var missing = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "applicant", email = "applicant@example.org", password = "a long enough password", agreement = true });
        var error = await KindredApp.Json(missing, HttpStatusCode.UnprocessableEntity);
        Assert.True(error.GetProperty("details").TryGetProperty("reason", out _));

        var response = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "applicant", email = "applicant@example.org", password = "a long enough password", agreement = true, reason = "I volunteer at the food bank." });
        await KindredApp.Json(response, HttpStatusCode.OK);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "applicant"));
        Assert.Equal(UserStatus.Pending, user.Status);
        Assert.Equal("I volunteer at the food bank.", user.ApplicationText);
        // A pending applicant is not a member yet: nobody can see the account.
        await KindredApp.Json(await app.Api().GetAsync($"/api/v1/accounts/{user.Id}"), HttpStatusCode.NotFound);
        var instance = await KindredApp.Json(await app.Api().GetAsync("/api/v2/instance"), HttpStatusCode.OK);
        Assert.True(instance.GetProperty("registrations").GetProperty("approval_required").GetBoolean());
    }

    [Fact]
    public async Task AnInvitationSkipsTheQueue()
    {
        var invitation = await app.WithServicesAsync(s => s.GetRequiredService<InvitationService>().CreateAsync(null, new NewInvitation(1, null)));
        var appToken = await app.AppTokenAsync("read write");
        var response = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "invited", email = "invited@example.org", password = "a long enough password", agreement = true, invite_code = invitation.Code });
        await KindredApp.Json(response, HttpStatusCode.OK);
        var user = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "invited"));
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.Equal(invitation.Id, user.InvitationId);
    }
}

public abstract class InviteRegistrationTests(KindredApp app)
{
    [Fact]
    public async Task InviteModeRefusesRegistrationsWithoutACode()
    {
        var appToken = await app.AppTokenAsync("read write");
        var response = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "uninvited", email = "uninvited@example.org", password = "a long enough password", agreement = true });
        await KindredApp.Json(response, HttpStatusCode.Forbidden);
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "uninvited")));
    }

    [Fact]
    public async Task ACodeWorksUntilItsUsesRunOutAndRemembersWhoInvited()
    {
        var owner = await app.WithDbAsync(db => db.Users.SingleAsync(u => u.UserName == "owner"));
        var invitation = await app.WithServicesAsync(s => s.GetRequiredService<InvitationService>().CreateAsync(owner.Id, new NewInvitation(1, TimeSpan.FromDays(7))));
        var appToken = await app.AppTokenAsync("read write");
        var first = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "friend1", email = "friend1@example.org", password = "a long enough password", agreement = true, invite_code = invitation.Code });
        await KindredApp.Json(first, HttpStatusCode.OK);
        var friend = await app.WithDbAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.UserName == "friend1"));
        Assert.Equal(owner.Id, friend.InvitedById);

        var second = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "friend2", email = "friend2@example.org", password = "a long enough password", agreement = true, invite_code = invitation.Code });
        var json = await KindredApp.Json(second, HttpStatusCode.UnprocessableEntity);
        Assert.True(json.GetProperty("details").TryGetProperty("invitation", out _));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "friend2")));
    }

    [Fact]
    public async Task ARevokedCodeIsRefused()
    {
        var invitations = await app.WithServicesAsync(async s =>
        {
            var service = s.GetRequiredService<InvitationService>();
            var created = await service.CreateAsync(null, new NewInvitation(null, null));
            await service.RevokeAsync(null, created.Id);
            return created;
        });
        var appToken = await app.AppTokenAsync("read write");
        var response = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "revokedfriend", email = "revoked@example.org", password = "a long enough password", agreement = true, invite_code = invitations.Code });
        await KindredApp.Json(response, HttpStatusCode.UnprocessableEntity);
    }
}

public sealed class InviteRegistrationSqliteTests(InviteModeApp app) : InviteRegistrationTests(app), IClassFixture<InviteModeApp>;

public sealed class InviteRegistrationPostgresTests(InviteModePostgresApp app) : InviteRegistrationTests(app), IClassFixture<InviteModePostgresApp>;
