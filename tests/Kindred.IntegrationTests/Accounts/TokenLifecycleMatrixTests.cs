using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.RegularExpressions;
using Kindred.Core.Accounts;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Accounts;

/// <summary>How a member's access may end.</summary>
public enum AccessEnd
{
    PasswordReset,
    PasswordChange,
    SignOutEverywhere,
    TwoFactorTurnedOff,
    NewRecoveryCodes,
    Suspension,
    RoleLoss,
    AppRevokedOnConnectedApps,
    TokenRevokedByTheApp,
}

/// <summary>
/// The token-lifecycle matrix (issue 23, ADR 44): every way a member's access should end × every kind of credential
/// the member holds (browser cookie, OAuth access token, open WebSocket, open event stream, the live page's stream)
/// → refused, streams closed within a second of the action. Kindred issues no refresh tokens (Mastodon scopes have no
/// offline_access), which the test checks too. Revoking one app on the Connected apps page ends that app's
/// credentials only; the browser stays signed in. Every credential is used before the ending, so it is kept validated
/// in memory (ADR 89) when its access ends: the matrix proves the kept copies end at once too.
/// </summary>
public abstract partial class TokenLifecycleMatrixTests(KindredApp app)
{
    private static readonly TimeSpan WithinASecond = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(AccessEnd.PasswordReset)]
    [InlineData(AccessEnd.PasswordChange)]
    [InlineData(AccessEnd.SignOutEverywhere)]
    [InlineData(AccessEnd.TwoFactorTurnedOff)]
    [InlineData(AccessEnd.NewRecoveryCodes)]
    [InlineData(AccessEnd.Suspension)]
    [InlineData(AccessEnd.RoleLoss)]
    [InlineData(AccessEnd.AppRevokedOnConnectedApps)]
    [InlineData(AccessEnd.TokenRevokedByTheApp)]
    public async Task EveryCredentialOfTheMemberIsRefusedWithinASecond(AccessEnd way)
    {
        var name = "tl_" + way.ToString().ToLowerInvariant()[..Math.Min(12, way.ToString().Length)];
        var user = await app.CreateUserAsync(name, way == AccessEnd.RoleLoss ? UserRole.Moderator : UserRole.Member);

        // The credentials someone else (an abuser's app, a forgotten browser) holds.
        var cookie = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(cookie, name, KindredApp.Password);
        var (token, clientId, clientSecret) = await AppTokenWithoutRefreshAsync(name);
        // The member's own browser, from which they act.
        var own = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(own, name, KindredApp.Password);
        if (way is AccessEnd.TwoFactorTurnedOff or AccessEnd.NewRecoveryCodes)
        {
            await app.WithServicesAsync(async s =>
            {
                var users = s.GetRequiredService<UserManager<User>>();
                var u = (await users.FindByIdAsync(user.Id.ToString(CultureInfo.InvariantCulture)))!;
                await users.ResetAuthenticatorKeyAsync(u);
                await users.SetTwoFactorEnabledAsync(u, true);
                return await users.GenerateNewTwoFactorRecoveryCodesAsync(u, 10);
            });
        }

        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/settings/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        // Twice each: the second answer comes from the kept credential, with the member known to be active (ADR 89).
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync("/settings/account")).StatusCode);
        await using var socket = await StreamClient.ConnectAsync(app, "?stream=user", bearer: token);
        using var sse = await OpenEventStreamAsync(app.Api(token), "/api/v1/streaming/user");
        using var live = await OpenEventStreamAsync(cookie, "/live/stream");

        if (way == AccessEnd.TokenRevokedByTheApp)
        {
            // The app itself revokes its token (RFC 7009), as a client's "log out" does.
            var revoke = await app.Api().PostAsync("/oauth/revoke", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["client_id"] = clientId,
                ["client_secret"] = clientSecret,
                ["token"] = token,
            }));
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }
        else
        {
            await EndAsync(way, user, own);
        }

        var socketClosed = SocketClosedAsync(socket);
        var sseEnded = EventStreamEndedAsync(sse);
        var appOnly = way is AccessEnd.AppRevokedOnConnectedApps or AccessEnd.TokenRevokedByTheApp;
        var liveEnded = appOnly ? Task.FromResult(true) : EventStreamEndedAsync(live);
        Assert.True(await socketClosed, $"{way}: the WebSocket stream is still open a second later");
        Assert.True(await sseEnded, $"{way}: the event stream is still open a second later");
        Assert.True(await liveEnded, $"{way}: the live page's stream is still open a second later");
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(token).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(token).GetAsync("/api/v1/timelines/home")).StatusCode);
        using var again = await app.Api(token).GetAsync("/api/v1/streaming/user", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
        var page = await cookie.GetAsync("/settings/account");
        if (appOnly)
        {
            // Revoking one app leaves the browser signed in.
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/account/sign-in", Html.Location(page), StringComparison.Ordinal);
            using var liveAgain = await cookie.GetAsync("/live/stream", HttpCompletionOption.ResponseHeadersRead);
            Assert.NotEqual(HttpStatusCode.OK, liveAgain.StatusCode);
        }
    }

    /// <summary>Signing one browser out from the sessions list ends that browser's kept session and its live page at once
    /// (ADR 89); the member's other browser stays signed in.</summary>
    [Fact]
    public async Task SigningOneBrowserOutEndsItAtOnceAndKeepsTheOther()
    {
        var user = await app.CreateUserAsync("tl_onebrowser");
        var forgotten = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(forgotten, "tl_onebrowser", KindredApp.Password);
        var forgottenSession = await app.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == user.Id).Select(s => s.Id).SingleAsync());
        var own = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(own, "tl_onebrowser", KindredApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await forgotten.GetAsync("/settings/account")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await forgotten.GetAsync("/settings/account")).StatusCode);
        using var live = await OpenEventStreamAsync(forgotten, "/live/stream");

        var ended = await Html.PostFormAsync(own, "/settings/account", "sessions", new Dictionary<string, string> { ["Session"] = forgottenSession.ToString(CultureInfo.InvariantCulture) });
        Assert.Contains("That device has been signed out.", await ended.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.True(await EventStreamEndedAsync(live), "the signed-out browser's live page is still streaming a second later");
        var page = await forgotten.GetAsync("/settings/account");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/sign-in", Html.Location(page), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/settings/account")).StatusCode);
    }

    /// <summary>The kept credentials are really in use: a token or a browser session used before is not looked up in the
    /// database again (ADR 89), which is what the matrix above relies on to prove that endings reach them.</summary>
    [Fact]
    public async Task AUsedTokenAndSessionAreNotLookedUpAgain()
    {
        await app.CreateUserAsync("tl_kept");
        var token = await TokenWithoutRefreshAsync("tl_kept");
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "tl_kept", KindredApp.Password);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);

        using var log = new SqlCommandLog(app);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/timelines/home")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
        var all = string.Join("\n---\n", log.Statements);
        Assert.NotEmpty(log.Statements);
        Assert.DoesNotContain("\"OpenIddictTokens\"", all, StringComparison.Ordinal);
        Assert.DoesNotContain("\"UserSessions\"", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectedAppsListsEachAuthorizedAppWithItsScopesAndDatesAndRevokesItAlone()
    {
        await app.CreateUserAsync("tl_apps");
        await app.CreateUserAsync("tl_other");
        var reader = await TokenWithoutRefreshAsync("tl_apps", "read", "Reader app");
        var writer = await TokenWithoutRefreshAsync("tl_apps", "read write", "Writer app");
        var others = await TokenWithoutRefreshAsync("tl_other", "read", "Someone else's app");
        Assert.Equal(HttpStatusCode.OK, (await app.Api(reader).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);

        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "tl_apps", KindredApp.Password);
        var settings = await Html.GetAsync(browser, "/settings/account");
        Assert.Contains("href=\"/settings/apps\"", settings, StringComparison.Ordinal);
        var page = await Html.GetAsync(browser, "/settings/apps");
        Assert.Contains("Reader app", page, StringComparison.Ordinal);
        Assert.Contains("Writer app", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone else", page, StringComparison.Ordinal);
        Assert.Contains("write", page, StringComparison.Ordinal);
        // The reader app was used once; the writer app never since it got its token.
        Assert.Contains("Never used", Article(page, "Writer app"), StringComparison.Ordinal);
        Assert.DoesNotContain("Never used", Article(page, "Reader app"), StringComparison.Ordinal);
        Assert.Contains("read, write", Article(page, "Writer app"), StringComparison.Ordinal);
        Assert.Equal(2, AppButton().Count(page));
        var writerApp = AppButton().Match(page, page.IndexOf("Writer app", StringComparison.Ordinal)).Groups[1].Value;

        // Revoking the writer app leaves the other one and the other member's alone.
        var revoke = await Html.PostFormAsync(browser, "/settings/apps", "apps", new Dictionary<string, string> { ["App"] = writerApp });
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Api(writer).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(reader).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(others).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
        var after = await Html.GetAsync(browser, "/settings/apps");
        Assert.DoesNotContain("Writer app", after, StringComparison.Ordinal);
        Assert.Contains("Reader app", after, StringComparison.Ordinal);

        // Another member's app cannot be revoked by naming it.
        var foreign = await app.WithDbAsync(db => db.Set<OpenIddict.EntityFrameworkCore.Models.OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Application!.DisplayName == "Someone else's app").Select(t => t.Application!.Id).FirstAsync());
        await Html.PostFormAsync(browser, "/settings/apps", "apps", new Dictionary<string, string> { ["App"] = foreign! });
        Assert.Equal(HttpStatusCode.OK, (await app.Api(others).GetAsync("/api/v1/accounts/verify_credentials")).StatusCode);
    }

    [Fact]
    public async Task TheConnectedAppsPageIsInFrench()
    {
        await app.CreateUserAsync("tl_french");
        await TokenWithoutRefreshAsync("tl_french", "read", "Appli");
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, "tl_french", KindredApp.Password);
        var page = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/settings/apps?culture=fr"));
        Assert.Contains("Applications connectées", page, StringComparison.Ordinal);
        Assert.Contains("Révoquer", page, StringComparison.Ordinal);
    }

    private async Task EndAsync(AccessEnd way, User user, HttpClient own)
    {
        switch (way)
        {
            case AccessEnd.PasswordReset:
                var code = await app.WithServicesAsync(async s =>
                {
                    var users = s.GetRequiredService<UserManager<User>>();
                    return AccountEmails.Encode(await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(user.Id.ToString(CultureInfo.InvariantCulture)))!));
                });
                var link = $"/account/reset-password?user={user.Id.ToString(CultureInfo.InvariantCulture)}&code={code}";
                var reset = await Html.PostFormAsync(app.Browser(), link, "reset-password", new Dictionary<string, string>
                {
                    ["Input.Password"] = "a brand new password",
                    ["Input.ConfirmPassword"] = "a brand new password",
                });
                Assert.Contains("every device that was signed in has been signed out", await reset.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                break;
            case AccessEnd.PasswordChange:
                var change = await Html.PostFormAsync(own, "/settings/account", "change-password", new Dictionary<string, string>
                {
                    ["Input.Current"] = KindredApp.Password,
                    ["Input.New"] = "a brand new password",
                    ["Input.Confirm"] = "a brand new password",
                });
                Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);
                // The browser that changed the password stays signed in.
                Assert.Equal(HttpStatusCode.OK, (await own.GetAsync("/settings/account")).StatusCode);
                break;
            case AccessEnd.SignOutEverywhere:
                Assert.Equal(HttpStatusCode.Redirect, (await Html.PostFormAsync(own, "/settings/account", "sessions-all", new Dictionary<string, string>())).StatusCode);
                break;
            case AccessEnd.TwoFactorTurnedOff:
                await Html.PostFormAsync(own, "/settings/account", "twofactor-disable", new Dictionary<string, string> { ["DisablePassword"] = KindredApp.Password });
                Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
                break;
            case AccessEnd.NewRecoveryCodes:
                var codes = await Html.PostFormAsync(own, "/settings/account", "twofactor-codes", new Dictionary<string, string>());
                Assert.Contains("Your recovery codes", await codes.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                break;
            case AccessEnd.Suspension:
                // The owner suspends the member from the members page.
                var staff = app.Browser();
                await Web.Account.AccountFlowTests.SignInAsync(staff, "owner", KindredApp.OwnerPassword);
                var suspended = await Html.PostFormAsync(staff, $"/admin/users?q={user.UserName}", "roles", new Dictionary<string, string> { ["Suspend"] = user.Id.ToString(CultureInfo.InvariantCulture) });
                Assert.Contains("is suspended", await suspended.Content.ReadAsStringAsync(), StringComparison.Ordinal);
                break;
            case AccessEnd.RoleLoss:
                await app.WithServicesAsync(s => s.GetRequiredService<AccountService>().SetRoleAsync(null, UserRole.Owner, user.Id, UserRole.Member));
                break;
            case AccessEnd.AppRevokedOnConnectedApps:
                var page = await Html.GetAsync(own, "/settings/apps");
                var id = AppButton().Match(page);
                Assert.True(id.Success, Html.Snippet(page));
                var revoked = await Html.PostFormAsync(own, "/settings/apps", "apps", new Dictionary<string, string> { ["App"] = WebUtility.HtmlDecode(id.Groups[1].Value) });
                Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
                break;
        }
    }

    /// <summary>A password-grant token; Kindred issues no refresh token with it (no offline_access scope exists).</summary>
    private async Task<string> TokenWithoutRefreshAsync(string username, string scopes = "read write follow push", string appName = "Test app") =>
        (await AppTokenWithoutRefreshAsync(username, scopes, appName)).Token;

    /// <summary><see cref="TokenWithoutRefreshAsync"/> with the app's credentials, for the app to revoke its token.</summary>
    private async Task<(string Token, string ClientId, string ClientSecret)> AppTokenWithoutRefreshAsync(string username, string scopes = "read write follow push", string appName = "Test app")
    {
        var registered = await KindredApp.Json(await app.Api().PostAsJsonAsync("/api/v1/apps", new { client_name = appName, redirect_uris = "urn:ietf:wg:oauth:2.0:oob", scopes }), HttpStatusCode.OK);
        var response = await app.Api().PostAsync("/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = registered.GetProperty("client_id").GetString()!,
            ["client_secret"] = registered.GetProperty("client_secret").GetString()!,
            ["username"] = username,
            ["password"] = KindredApp.Password,
            ["scope"] = scopes,
        }));
        var json = await KindredApp.Json(response, HttpStatusCode.OK);
        Assert.False(json.TryGetProperty("refresh_token", out _), "A refresh token was issued: add it to the matrix");
        return (json.GetProperty("access_token").GetString()!, registered.GetProperty("client_id").GetString()!, registered.GetProperty("client_secret").GetString()!);
    }

    private static async Task<EventStream> OpenEventStreamAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(StreamClient.Patience);
        Assert.Equal(":)", await reader.ReadLineAsync(timeout.Token));
        return new EventStream(response, reader);
    }

    /// <summary>True when the server ends the event stream within a second; heartbeats and events before do not count.</summary>
    private static async Task<bool> EventStreamEndedAsync(EventStream stream)
    {
        using var timeout = new CancellationTokenSource(WithinASecond);
        try
        {
            while (await stream.Reader.ReadLineAsync(timeout.Token) is not null)
            {
            }
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static async Task<bool> SocketClosedAsync(StreamClient client)
    {
        using var timeout = new CancellationTokenSource(WithinASecond);
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var result = await client.Socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (WebSocketException)
        {
            return true;
        }
    }

    private static string Article(string page, string appName)
    {
        var start = page.IndexOf(appName, StringComparison.Ordinal);
        Assert.True(start >= 0, $"{appName} is not listed");
        return page[start..page.IndexOf("</article>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("name=\"App\" value=\"([^\"]+)\"")]
    private static partial Regex AppButton();

    private sealed class EventStream(HttpResponseMessage response, StreamReader reader) : IDisposable
    {
        public StreamReader Reader => reader;

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
        }
    }
}

public sealed class TokenLifecycleMatrixSqliteTests(SqliteApp app) : TokenLifecycleMatrixTests(app), IClassFixture<SqliteApp>;

public sealed class TokenLifecycleMatrixPostgresTests(PostgresApp app) : TokenLifecycleMatrixTests(app), IClassFixture<PostgresApp>;
