using System.Globalization;
using System.Net;
using Kindred.Core.Accounts;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Organizations;

/// <summary>The organization's own account (ADR 55): made at setup, shown to apps and on the about page, and closed
/// to every way of signing in.</summary>
public abstract class OrganizationAccountTests(KindredApp app)
{
    private const string Sneaky = "a password someone set";

    private Task<User> OrganizationUserAsync() =>
        app.WithDbAsync(async db =>
        {
            var id = await db.Organizations.Select(o => o.AccountId).SingleAsync();
            return await db.Users.AsNoTracking().Include(u => u.Account).SingleAsync(u => u.Id == id);
        });

    /// <summary>What an operator's mistake or an old bug could leave: a password hash on the account.</summary>
    /// <param name="password">False puts the account back as setup left it (the tests of this class share it).</param>
    private Task<bool> GivePasswordAsync(User user, bool twoFactor = false, bool password = true) =>
        app.WithServicesAsync(async s =>
        {
            var db = s.GetRequiredService<Kindred.Data.KindredDbContext>();
            var tracked = await db.Users.SingleAsync(u => u.Id == user.Id);
            tracked.PasswordHash = password ? s.GetRequiredService<IPasswordHasher<User>>().HashPassword(tracked, Sneaky) : null;
            tracked.TwoFactorEnabled = twoFactor;
            await db.SaveChangesAsync();
            return true;
        });

    [Fact]
    public async Task SetupCreatesTheOrganizationsAccountWithoutAPassword()
    {
        var user = await OrganizationUserAsync();
        Assert.Equal("helpinghands", user.UserName);
        Assert.Equal("Helping Hands", user.Account.DisplayName);
        Assert.Null(user.PasswordHash);
        Assert.Equal(UserStatus.Active, user.Status);
        Assert.Equal(UserRole.Member, user.Role);
        Assert.Equal(DigestFrequency.Off, user.DigestFrequency);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.OrganizationAccountCreate && e.TargetId == user.Id)));
    }

    [Fact]
    public async Task AppsFindTheOrganizationAsTheInstanceContactAndItIsNeitherBotNorGroup()
    {
        var v2 = await KindredApp.Json(await app.Api().GetAsync("/api/v2/instance"), HttpStatusCode.OK);
        var contact = v2.GetProperty("contact").GetProperty("account");
        Assert.Equal("helpinghands", contact.GetProperty("username").GetString());
        // Mastodon marks Service/Application actors as bots and Group actors as groups; staff speak for an organization.
        Assert.False(contact.GetProperty("bot").GetBoolean());
        Assert.False(contact.GetProperty("group").GetBoolean());
        var v1 = await KindredApp.Json(await app.Api().GetAsync("/api/v1/instance"), HttpStatusCode.OK);
        Assert.Equal("helpinghands", v1.GetProperty("contact_account").GetProperty("username").GetString());
        var about = await Html.GetAsync(app.Browser(), "/about");
        Assert.Contains("href=\"/@helpinghands\"", about, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebSignInFormRefusesTheOrganizationAccountEvenWithAPassword()
    {
        var user = await OrganizationUserAsync();
        await GivePasswordAsync(user);
        try
        {
            var response = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", AccountFlowTests.SignInFields("helpinghands", Sneaky));
            // A sign-in redirects; the form shown again is the refusal.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await GivePasswordAsync(user, password: false);
        }
    }

    [Fact]
    public async Task TwoFactorDoesNotOpenTheOrganizationAccount()
    {
        var user = await OrganizationUserAsync();
        await GivePasswordAsync(user, twoFactor: true);
        try
        {
            var response = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", AccountFlowTests.SignInFields("helpinghands", Sneaky));
            // Refused before the second step: no redirect to the code page.
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            await GivePasswordAsync(user, password: false);
        }
    }

    [Fact]
    public async Task TheOAuthPasswordGrantRefusesTheOrganizationAccount()
    {
        var user = await OrganizationUserAsync();
        await GivePasswordAsync(user);
        try
        {
            var (id, secret) = await app.RegisterAppAsync();
            var response = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = id,
                ["client_secret"] = secret,
                ["username"] = "helpinghands",
                ["password"] = Sneaky,
                ["scope"] = "read",
            }));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("invalid_grant", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            await GivePasswordAsync(user, password: false);
        }
    }

    [Fact]
    public async Task NoPasswordResetSetsAPasswordOnTheOrganizationAccount()
    {
        var user = await OrganizationUserAsync();
        // The web reset page, with a valid token.
        var token = await app.WithServicesAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<User>>();
            return await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(user.Id.ToString(CultureInfo.InvariantCulture)))!);
        });
        var link = $"/account/reset-password?user={user.Id.ToString(CultureInfo.InvariantCulture)}&code={AccountEmails.Encode(token)}";
        var browser = app.Browser();
        var reset = await Html.PostFormAsync(browser, link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "a brand new password",
            ["Input.ConfirmPassword"] = "a brand new password",
        });
        Assert.Contains("Nobody signs in to the organization", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // The command line's reset-password.
        var error = await Assert.ThrowsAsync<KindredException>(() =>
            app.WithServicesAsync(async s =>
            {
                await s.GetRequiredService<AccountService>().ResetPasswordAsync(user.Id, "a brand new password");
                return true;
            }));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Null((await OrganizationUserAsync()).PasswordHash);
        var signIn = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", AccountFlowTests.SignInFields("helpinghands", "a brand new password"));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}

public sealed class OrganizationAccountSqliteTests(SqliteApp app) : OrganizationAccountTests(app), IClassFixture<SqliteApp>;

public sealed class OrganizationAccountPostgresTests(PostgresApp app) : OrganizationAccountTests(app), IClassFixture<PostgresApp>;
