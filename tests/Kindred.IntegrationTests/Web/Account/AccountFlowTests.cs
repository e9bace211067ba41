using System.Net;
using System.Text.RegularExpressions;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Account;

/// <summary>The account flows through the web forms, as a browser without JavaScript would use them.</summary>
public abstract partial class AccountFlowTests(KindredApp app)
{
    [Fact]
    public async Task ANewcomerSignsUpConfirmsTheAddressAndSignsIn()
    {
        var browser = app.Browser();
        var response = await Html.PostFormAsync(browser, "/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "newcomer",
            ["Input.Email"] = "newcomer@example.org",
            ["Input.Password"] = "newcomer password 1",
            ["Input.Language"] = "fr",
            ["Input.AcceptRules"] = "true",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, Html.Snippet(await response.Content.ReadAsStringAsync()));

        // Not confirmed yet: signing in is refused with a way to get a new link.
        var early = await Html.PostFormAsync(browser, "/account/sign-in", "sign-in", SignInFields("newcomer", "newcomer password 1"));
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("/account/resend-confirmation", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var link = LinkFromMail("newcomer@example.org", "/account/confirm");
        var confirmed = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "newcomer").Select(u => u.EmailConfirmed).SingleAsync()));

        await SignInAsync(browser, "newcomer", "newcomer password 1");
        var settings = await Html.GetAsync(browser, "/settings/profile");
        Assert.Contains("lang=\"fr\"", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ATakenUsernameIsShownBesideTheFieldAndNothingIsCreated()
    {
        await app.CreateUserAsync("taken");
        var before = await app.WithDbAsync(db => db.Users.CountAsync());
        var response = await Html.PostFormAsync(app.Browser(), "/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = "Taken",
            ["Input.Email"] = "other@example.org",
            ["Input.Password"] = "newcomer password 1",
            ["Input.Language"] = "en",
            ["Input.AcceptRules"] = "true",
        });
        var page = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That username is taken.", page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task AWrongPasswordGetsOneGenericMessage()
    {
        await app.CreateUserAsync("careful");
        foreach (var name in new[] { "careful", "nobody_here" })
        {
            var response = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", SignInFields(name, "wrong password 123"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Set-Cookie", response.Headers.ToString().Replace("kindred-xsrf", "", StringComparison.Ordinal).Split('\n').Where(l => l.Contains("kindred=", StringComparison.Ordinal)), StringComparer.Ordinal);
        }
    }

    [Fact]
    public async Task TwoFactorSignInWithAnAuthenticatorCodeOrARecoveryCode()
    {
        await app.CreateUserAsync("guarded");
        var browser = app.Browser();
        await SignInAsync(browser, "guarded", KindredApp.Password);
        var begin = await Html.PostFormAsync(browser, "/settings/account", "twofactor-begin", new Dictionary<string, string>());
        var setup = await begin.Content.ReadAsStringAsync();
        var key = KeyPattern().Match(setup);
        Assert.True(key.Success, Html.Snippet(setup));

        var wrong = await Html.PostFormAsync(browser, "/settings/account", "twofactor-verify", new Dictionary<string, string> { ["Input.Code"] = "000000" });
        Assert.Contains("aria-invalid=\"true\"", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "guarded").Select(u => u.TwoFactorEnabled).SingleAsync()));

        var verify = await Html.PostFormAsync(browser, "/settings/account", "twofactor-verify", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key.Groups[1].Value) });
        var codesPage = await verify.Content.ReadAsStringAsync();
        var recoveryCodes = RecoveryPattern().Matches(codesPage).Select(m => m.Groups[1].Value).ToList();
        Assert.True(recoveryCodes.Count == 10, $"{(int)verify.StatusCode} {Html.Snippet(codesPage[Math.Max(0, codesPage.IndexOf("<main", StringComparison.Ordinal))..])}");
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "guarded").Select(u => u.TwoFactorEnabled).SingleAsync()));

        // A new browser: the password alone leads to the code page, not into the account.
        var second = app.Browser();
        var password = await Html.PostFormAsync(second, "/account/sign-in", "sign-in", SignInFields("guarded", KindredApp.Password));
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.StartsWith("/account/sign-in/two-factor", Html.Location(password), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/settings/account")).StatusCode);
        var twoFactor = await Html.PostFormAsync(second, Html.Location(password), "two-factor", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key.Groups[1].Value) });
        Assert.Equal(HttpStatusCode.Redirect, twoFactor.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/settings/account")).StatusCode);

        // A third browser uses a recovery code, which then cannot be used again.
        var third = app.Browser();
        await Html.PostFormAsync(third, "/account/sign-in", "sign-in", SignInFields("guarded", KindredApp.Password));
        var recovered = await Html.PostFormAsync(third, "/account/sign-in/recovery", "recovery", new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        var fourth = app.Browser();
        await Html.PostFormAsync(fourth, "/account/sign-in", "sign-in", SignInFields("guarded", KindredApp.Password));
        var reused = await Html.PostFormAsync(fourth, "/account/sign-in/recovery", "recovery", new Dictionary<string, string> { ["Input.Code"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);

        // Turning it off needs the password, not just a signed-in browser.
        var refused = await Html.PostFormAsync(second, "/settings/account", "twofactor-disable", new Dictionary<string, string> { ["DisablePassword"] = "not my password" });
        Assert.Contains("aria-invalid=\"true\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "guarded").Select(u => u.TwoFactorEnabled).SingleAsync()));
        await Html.PostFormAsync(second, "/settings/account", "twofactor-disable", new Dictionary<string, string> { ["DisablePassword"] = KindredApp.Password });
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "guarded").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task APasswordIsResetThroughTheLinkInTheEmail()
    {
        await app.CreateUserAsync("forgetful");
        var browser = app.Browser();
        var request = await Html.PostFormAsync(browser, "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "forgetful@example.org" });
        Assert.True(request.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect);
        var unknown = await Html.PostFormAsync(browser, "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "nobody@example.org" });
        Assert.Equal(request.StatusCode, unknown.StatusCode);

        var link = LinkFromMail("forgetful@example.org", "/account/reset-password");
        var reset = await Html.PostFormAsync(browser, link, "reset-password", new Dictionary<string, string>
        {
            ["Input.Password"] = "a fresh new password",
            ["Input.ConfirmPassword"] = "a fresh new password",
        });
        Assert.True(reset.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, Html.Snippet(await reset.Content.ReadAsStringAsync()));
        await SignInAsync(app.Browser(), "forgetful", "a fresh new password");
        var old = await Html.PostFormAsync(app.Browser(), "/account/sign-in", "sign-in", SignInFields("forgetful", KindredApp.Password));
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
    }

    [Fact]
    public async Task SigningOutEverywhereEndsEveryBrowserSession()
    {
        await app.CreateUserAsync("traveller");
        var laptop = app.Browser();
        var phone = app.Browser();
        await SignInAsync(laptop, "traveller", KindredApp.Password);
        await SignInAsync(phone, "traveller", KindredApp.Password);
        Assert.Equal(2, await app.WithDbAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == "traveller"))));
        var page = await Html.GetAsync(laptop, "/settings/account");
        Assert.Contains("This browser", page, StringComparison.Ordinal);

        var ended = await Html.PostFormAsync(phone, "/settings/account", "sessions-all", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.UserSessions.CountAsync(s => db.Users.Any(u => u.Id == s.UserId && u.UserName == "traveller"))));
        var after = await laptop.GetAsync("/settings/account");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(after), StringComparison.Ordinal);
    }

    /// <summary>Who may open the admin pages: every role, and nobody signed in.</summary>
    [Theory]
    [InlineData(null, false)]
    [InlineData(UserRole.Member, false)]
    [InlineData(UserRole.Staff, false)]
    [InlineData(UserRole.Moderator, false)]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.Owner, true)]
    public async Task OnlyAdminsAndOwnersReachTheAdminPages(UserRole? role, bool allowed)
    {
        var browser = app.Browser();
        if (role is { } r)
        {
            var name = "role_" + r.ToString().ToLowerInvariant();
            await app.CreateUserAsync(name, r);
            await SignInAsync(browser, name, KindredApp.Password);
        }
        foreach (var path in new[] { "/admin/users", "/admin/applications", "/admin/invitations" })
        {
            var response = await browser.GetAsync(path);
            if (allowed)
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith(role is null ? "/account/sign-in" : "/account/denied", Html.Location(response), StringComparison.Ordinal);
            }
        }
    }

    public static Dictionary<string, string> SignInFields(string username, string password) => new()
    {
        ["Input.Username"] = username,
        ["Input.Password"] = password,
    };

    public static async Task SignInAsync(HttpClient browser, string username, string password)
    {
        var response = await Html.PostFormAsync(browser, "/account/sign-in", "sign-in", SignInFields(username, password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Sign-in failed: {Html.Snippet(await response.Content.ReadAsStringAsync())}");
    }

    private string LinkFromMail(string address, string path)
    {
        app.DeliverMailAsync().GetAwaiter().GetResult();
        var mail = Directory.GetFiles(app.MailDirectory, "*.eml")
            .Select(File.ReadAllText)
            .Last(m => m.Contains(address, StringComparison.Ordinal) && m.Contains(path, StringComparison.Ordinal));
        var unfolded = mail.Replace("=\r\n", "", StringComparison.Ordinal).Replace("=\n", "", StringComparison.Ordinal).Replace("=3D", "=", StringComparison.Ordinal);
        var match = Regex.Match(unfolded, "https?://[^/\\s\"]+(" + Regex.Escape(path) + "\\?[^\\s\"<]+)");
        Assert.True(match.Success, mail);
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<code class=\"key\">([A-Za-z2-7 ]+)</code>")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryPattern();
}

public sealed class AccountFlowSqliteTests(SqliteApp app) : AccountFlowTests(app), IClassFixture<SqliteApp>;

public sealed class AccountFlowPostgresTests(PostgresApp app) : AccountFlowTests(app), IClassFixture<PostgresApp>;
