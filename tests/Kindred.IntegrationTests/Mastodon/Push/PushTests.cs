using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kindred.Core.Accounts;
using Kindred.Core.Push;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Mastodon.Push;

/// <summary>
/// Web push for apps (ADR 81): /api/v1/push/subscription in Mastodon's shapes, and delivery through the durable jobs to
/// a loopback push service that decrypts what it receives.
/// </summary>
public abstract class PushTests(PushApp app)
{
    private async Task<(long Id, string Token)> MemberAsync(string username, string scopes = "read write follow push")
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id, await app.TokenAsync(username, scopes));
    }

    private static FormUrlEncodedContent Form(PushServiceStub.Browser browser, params (string Key, string Value)[] data)
    {
        var fields = new Dictionary<string, string>
        {
            ["subscription[endpoint]"] = browser.Endpoint,
            ["subscription[keys][p256dh]"] = browser.P256dh,
            ["subscription[keys][auth]"] = browser.Auth,
        };
        foreach (var (key, value) in data)
        {
            fields[key] = value;
        }
        return new FormUrlEncodedContent(fields);
    }

    private async Task<PushServiceStub.Browser> SubscribeAsync(string token, params (string Key, string Value)[] data)
    {
        var browser = app.Stub.NewBrowser();
        await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/push/subscription", Form(browser, data)), HttpStatusCode.OK);
        return browser;
    }

    private static readonly (string, string)[] AllAlerts =
    [
        ("data[alerts][mention]", "true"), ("data[alerts][status]", "true"), ("data[alerts][reblog]", "true"), ("data[alerts][follow]", "true"),
        ("data[alerts][follow_request]", "true"), ("data[alerts][favourite]", "true"), ("data[alerts][poll]", "true"), ("data[alerts][update]", "true"),
    ];

    private async Task<JsonElement> PostAsync(string token, string path, Dictionary<string, string>? form = null) =>
        await KindredApp.Json(await app.Api(token).PostAsync(path, new FormUrlEncodedContent(form ?? [])), HttpStatusCode.OK);

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    [Fact]
    public async Task ASubscriptionIsCreatedReadUpdatedAndDeletedInMastodonsShape()
    {
        var (_, token) = await MemberAsync("ps_crud");
        var browser = app.Stub.NewBrowser();

        var created = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/push/subscription",
            Form(browser, ("data[alerts][mention]", "true"), ("data[alerts][favourite]", "false"), ("data[policy]", "followed"))), HttpStatusCode.OK);
        Assert.Equal(browser.Endpoint, created.GetProperty("endpoint").GetString());
        Assert.Equal("followed", created.GetProperty("policy").GetString());
        Assert.True(created.GetProperty("alerts").GetProperty("mention").GetBoolean());
        Assert.False(created.GetProperty("alerts").GetProperty("favourite").GetBoolean());
        // Mastodon's alerts an app does not name are off; Kindred's own, which it cannot name, are on.
        Assert.False(created.GetProperty("alerts").GetProperty("reblog").GetBoolean());
        Assert.False(created.GetProperty("alerts").GetProperty("admin.sign_up").GetBoolean());
        Assert.True(created.GetProperty("alerts").GetProperty("aid_response").GetBoolean());
        var serverKey = created.GetProperty("server_key").GetString()!;
        Assert.Equal(65, Base64Url.DecodeFromChars(serverKey).Length);

        // The same key in the instance and app registration replies, and the same after a restart of the process (stored).
        var instance = await KindredApp.Json(await app.Api().GetAsync("/api/v2/instance"), HttpStatusCode.OK);
        Assert.Equal(serverKey, instance.GetProperty("configuration").GetProperty("vapid").GetProperty("public_key").GetString());
        var registered = await KindredApp.Json(await app.Api().PostAsJsonAsync("/api/v1/apps", new { client_name = "Push app", redirect_uris = "urn:ietf:wg:oauth:2.0:oob", scopes = "read push" }), HttpStatusCode.OK);
        Assert.Equal(serverKey, registered.GetProperty("vapid_key").GetString());
        Assert.Equal(serverKey, await app.WithDbAsync(db => db.WebPushKeys.Select(k => k.PublicKey).SingleAsync()));

        var read = await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/push/subscription"), HttpStatusCode.OK);
        Assert.Equal(Id(created), Id(read));

        // PUT replaces alerts and policy, as Mastodon's does.
        var updated = await KindredApp.Json(await app.Api(token).PutAsync("/api/v1/push/subscription", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["data[alerts][favourite]"] = "true",
            ["data[policy]"] = "none",
        })), HttpStatusCode.OK);
        Assert.Equal(Id(created), Id(updated));
        Assert.True(updated.GetProperty("alerts").GetProperty("favourite").GetBoolean());
        Assert.False(updated.GetProperty("alerts").GetProperty("mention").GetBoolean());
        Assert.Equal("none", updated.GetProperty("policy").GetString());

        var deleted = await KindredApp.Json(await app.Api(token).DeleteAsync("/api/v1/push/subscription"), HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Object, deleted.ValueKind);
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/push/subscription"), HttpStatusCode.NotFound);
        await KindredApp.Json(await app.Api(token).PutAsync("/api/v1/push/subscription", new FormUrlEncodedContent([])), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.Endpoint == browser.Endpoint)));
    }

    [Fact]
    public async Task EachTokenHasOneSubscriptionAndSeesOnlyItsOwn()
    {
        var (me, first) = await MemberAsync("ps_tokens");
        var second = await app.TokenAsync("ps_tokens");
        var (_, other) = await MemberAsync("ps_tokens_other");

        await SubscribeAsync(first);
        var replacement = await SubscribeAsync(first);

        Assert.Equal([replacement.Endpoint], await app.WithDbAsync(db => db.WebPushSubscriptions.Where(s => s.AccountId == me).Select(s => s.Endpoint).ToListAsync()));
        await KindredApp.Json(await app.Api(second).GetAsync("/api/v1/push/subscription"), HttpStatusCode.NotFound);
        await KindredApp.Json(await app.Api(other).GetAsync("/api/v1/push/subscription"), HttpStatusCode.NotFound);
        // Deleting through another token deletes nothing of this one.
        await KindredApp.Json(await app.Api(second).DeleteAsync("/api/v1/push/subscription"), HttpStatusCode.OK);
        await KindredApp.Json(await app.Api(first).GetAsync("/api/v1/push/subscription"), HttpStatusCode.OK);
    }

    [Fact]
    public async Task EveryVerbNeedsAUserTokenWithThePushScope()
    {
        var (_, withoutPush) = await MemberAsync("ps_scope", "read write follow");
        var appToken = await app.AppTokenAsync("read push");
        var browser = app.Stub.NewBrowser();
        foreach (var (token, expected) in new[] { ((string?)null, HttpStatusCode.Unauthorized), (withoutPush, HttpStatusCode.Forbidden), (appToken, HttpStatusCode.UnprocessableEntity) })
        {
            var client = app.Api(token);
            await KindredApp.Json(await client.PostAsync("/api/v1/push/subscription", Form(browser)), expected);
            await KindredApp.Json(await client.GetAsync("/api/v1/push/subscription"), expected);
            await KindredApp.Json(await client.PutAsync("/api/v1/push/subscription", new FormUrlEncodedContent([])), expected);
            await KindredApp.Json(await client.DeleteAsync("/api/v1/push/subscription"), expected);
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.Endpoint == browser.Endpoint)));
    }

    [Fact]
    public async Task BadSubscriptionsAreRefusedWithAMessageAndChangeNothing()
    {
        var (me, token) = await MemberAsync("ps_bad");
        var browser = app.Stub.NewBrowser();
        var cases = new Dictionary<string, string>[]
        {
            new() { ["subscription[endpoint]"] = "not a url", ["subscription[keys][p256dh]"] = browser.P256dh, ["subscription[keys][auth]"] = browser.Auth },
            new() { ["subscription[endpoint]"] = "ftp://push.example/x", ["subscription[keys][p256dh]"] = browser.P256dh, ["subscription[keys][auth]"] = browser.Auth },
            new() { ["subscription[endpoint]"] = browser.Endpoint, ["subscription[keys][p256dh]"] = browser.Auth, ["subscription[keys][auth]"] = browser.Auth },
            new() { ["subscription[endpoint]"] = browser.Endpoint, ["subscription[keys][p256dh]"] = browser.P256dh, ["subscription[keys][auth]"] = "%%%" },
            new() { ["subscription[endpoint]"] = browser.Endpoint, ["subscription[keys][p256dh]"] = browser.P256dh },
            new() { ["subscription[endpoint]"] = browser.Endpoint, ["subscription[keys][p256dh]"] = browser.P256dh, ["subscription[keys][auth]"] = browser.Auth, ["data[policy]"] = "friends" },
            new() { ["subscription[endpoint]"] = browser.Endpoint, ["subscription[keys][p256dh]"] = browser.P256dh, ["subscription[keys][auth]"] = browser.Auth, ["data[alerts][mention]"] = "maybe" },
        };
        foreach (var fields in cases)
        {
            var error = await KindredApp.Json(await app.Api(token).PostAsync("/api/v1/push/subscription", new FormUrlEncodedContent(fields)), HttpStatusCode.UnprocessableEntity);
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
        }
        Assert.Equal(0, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.AccountId == me)));
    }

    [Fact]
    public async Task ANotificationArrivesEncryptedWithTtlUrgencyAndTheServersVapidSignature()
    {
        var (_, token) = await MemberAsync("ps_deliver");
        var (_, sender) = await MemberAsync("ps_sender");
        await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "ps_sender").ExecuteUpdateAsync(s => s.SetProperty(a => a.DisplayName, "Sam Sender")));
        var browser = await SubscribeAsync(token, AllAlerts);

        await app.PostStatusAsync(sender, "@ps_deliver are you coming to the garden on Saturday?");
        Assert.True(await app.PushAsync() >= 2);

        var received = Assert.Single(app.Stub.To(browser));
        Assert.Equal("aes128gcm", received.Headers["Content-Encoding"]);
        Assert.Equal("172800", received.Headers["TTL"]);
        Assert.Equal("high", received.Headers["Urgency"]);
        var payload = browser.Decrypt(received.Body);
        var notification = (await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/notifications"), HttpStatusCode.OK))[0];
        Assert.Equal(Id(notification), payload.GetProperty("notification_id").GetString());
        Assert.Equal("mention", payload.GetProperty("notification_type").GetString());
        Assert.Equal(token, payload.GetProperty("access_token").GetString());
        Assert.Equal("en", payload.GetProperty("preferred_locale").GetString());
        Assert.Equal("Sam Sender mentioned you", payload.GetProperty("title").GetString());
        Assert.Contains("garden on Saturday", payload.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("http", payload.GetProperty("icon").GetString(), StringComparison.Ordinal);

        // VAPID (RFC 8292): "vapid t=<ES256 JWT>, k=<the server key>", the JWT for the push service's origin.
        var serverKey = await app.WithDbAsync(db => db.WebPushKeys.Select(k => k.PublicKey).SingleAsync());
        var authorization = received.Headers["Authorization"];
        Assert.StartsWith("vapid ", authorization, StringComparison.Ordinal);
        var parts = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries).ToDictionary(p => p[..p.IndexOf('=', StringComparison.Ordinal)], p => p[(p.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        Assert.Equal(serverKey, parts["k"]);
        var jwt = parts["t"].Split('.');
        var point = Base64Url.DecodeFromChars(serverKey);
        using var ecdsa = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..65] } });
        Assert.True(ecdsa.VerifyData(Encoding.ASCII.GetBytes(jwt[0] + "." + jwt[1]), Base64Url.DecodeFromChars(jwt[2]), HashAlgorithmName.SHA256));
        var claims = JsonDocument.Parse(Base64Url.DecodeFromChars(jwt[1])).RootElement;
        // The audience is the push service's origin; Lib.Net.Http.WebPush writes it without the port, which real push
        // services (always on 443) never have, so only the stub's loopback port is missing here.
        var stub = new Uri(app.Stub.BaseUrl);
        Assert.Equal($"{stub.Scheme}://{stub.Host}", claims.GetProperty("aud").GetString());

        // Running again sends nothing twice.
        await app.PushAsync();
        Assert.Single(app.Stub.To(browser));
    }

    [Fact]
    public async Task RevokingTheTokenTakesItsSubscriptionWithIt()
    {
        var (me, token) = await MemberAsync("ps_revoked");
        var (_, sender) = await MemberAsync("ps_revoked_sender");
        var browser = await SubscribeAsync(token, AllAlerts);
        await app.PostStatusAsync(sender, "@ps_revoked hello before");

        await app.WithServicesAsync(async s =>
        {
            await s.GetRequiredService<AccountAccess>().EndAllAsync(me, AccessEndReason.SignOutEverywhere);
            return true;
        });
        await app.PushAsync();

        Assert.Empty(app.Stub.To(browser));
        Assert.Equal(0, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.AccountId == me)));
        await KindredApp.Json(await app.Api(token).GetAsync("/api/v1/push/subscription"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task APushServiceThatSaysGoneRemovesTheSubscription()
    {
        var (me, token) = await MemberAsync("ps_gone");
        var (_, sender) = await MemberAsync("ps_gone_sender");
        var browser = await SubscribeAsync(token, AllAlerts);
        app.Stub.Answer(HttpStatusCode.Gone);

        await app.PostStatusAsync(sender, "@ps_gone are you there?");
        await app.PushAsync();

        Assert.Equal(HttpStatusCode.Gone, Assert.Single(app.Stub.To(browser)).Answered);
        Assert.Equal(0, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.AccountId == me)));
        await app.PostStatusAsync(sender, "@ps_gone hello again");
        await app.PushAsync();
        Assert.Single(app.Stub.To(browser));
    }

    [Fact]
    public async Task AFailedPushIsTriedAgainLaterWithBackoff()
    {
        var (me, token) = await MemberAsync("ps_retry");
        var (_, sender) = await MemberAsync("ps_retry_sender");
        var browser = await SubscribeAsync(token, AllAlerts);
        app.Stub.Answer(HttpStatusCode.InternalServerError);

        await app.PostStatusAsync(sender, "@ps_retry first try fails");
        await app.PushAsync();

        var subscriptionId = await app.WithDbAsync(db => db.WebPushSubscriptions.Where(s => s.AccountId == me).Select(s => s.Id).SingleAsync());
        var prefix = subscriptionId.ToString(CultureInfo.InvariantCulture) + ":";
        var failed = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == PushSendJob.Name && j.IdempotencyKey!.StartsWith(prefix)));
        Assert.Equal(JobState.Pending, failed.State);
        Assert.Equal(1, failed.Attempts);
        Assert.True(failed.RunAt > DateTime.UtcNow.AddSeconds(30), "The retry waits (backoff)");
        Assert.Single(app.Stub.To(browser));

        await app.WithDbAsync(db => db.Jobs.Where(j => j.Id == failed.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.RunAt, DateTime.UtcNow.AddSeconds(-1))));
        await app.PushAsync();

        Assert.Equal([HttpStatusCode.InternalServerError, HttpStatusCode.Created], app.Stub.To(browser).Select(r => r.Answered));
        Assert.Equal("mention", browser.Decrypt(app.Stub.To(browser)[1].Body).GetProperty("notification_type").GetString());
        Assert.Equal(JobState.Done, await app.WithDbAsync(db => db.Jobs.Where(j => j.Id == failed.Id).Select(j => j.State).SingleAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.AccountId == me)));
    }

    [Fact]
    public async Task AlertsAndPolicyDecideWhatIsPushed()
    {
        var (meId, me) = await MemberAsync("ps_policy");
        var (friendId, friend) = await MemberAsync("ps_policy_friend");
        var (_, stranger) = await MemberAsync("ps_policy_stranger");
        var (fanId, fan) = await MemberAsync("ps_policy_fan");
        await PostAsync(me, $"/api/v1/accounts/{friendId}/follow");
        await PostAsync(fan, $"/api/v1/accounts/{meId}/follow");
        await app.PushAsync();
        var post = Id(await app.PostStatusAsync(me, "something to like"));

        async Task<List<string>> PushedAsync(PushServiceStub.Browser browser, Func<Task> act)
        {
            var before = app.Stub.To(browser).Count;
            await act();
            await app.PushAsync();
            return [.. app.Stub.To(browser).Skip(before).Select(r => browser.Decrypt(r.Body).GetProperty("title").GetString()!)];
        }

        // Mentions only, from everyone: a favourite is not pushed, a mention is.
        var browser = await SubscribeAsync(me, ("data[alerts][mention]", "true"));
        Assert.Empty(await PushedAsync(browser, () => PostAsync(stranger, $"/api/v1/statuses/{post}/favourite")));
        Assert.Equal(["ps_policy_stranger mentioned you"], await PushedAsync(browser, () => app.PostStatusAsync(stranger, "@ps_policy one")));

        // Followed: only from accounts the member follows.
        await app.Api(me).PutAsync("/api/v1/push/subscription", new FormUrlEncodedContent(new Dictionary<string, string> { ["data[alerts][mention]"] = "true", ["data[policy]"] = "followed" }));
        Assert.Empty(await PushedAsync(browser, () => app.PostStatusAsync(stranger, "@ps_policy two")));
        Assert.Equal(["ps_policy_friend mentioned you"], await PushedAsync(browser, () => app.PostStatusAsync(friend, "@ps_policy three")));

        // Follower: only from accounts that follow the member.
        await app.Api(me).PutAsync("/api/v1/push/subscription", new FormUrlEncodedContent(new Dictionary<string, string> { ["data[alerts][mention]"] = "true", ["data[policy]"] = "follower" }));
        Assert.Empty(await PushedAsync(browser, () => app.PostStatusAsync(friend, "@ps_policy four")));
        Assert.Equal(["ps_policy_fan mentioned you"], await PushedAsync(browser, () => app.PostStatusAsync(fan, "@ps_policy five")));

        // None: nothing at all, the subscription kept.
        await app.Api(me).PutAsync("/api/v1/push/subscription", new FormUrlEncodedContent(new Dictionary<string, string> { ["data[alerts][mention]"] = "true", ["data[policy]"] = "none" }));
        Assert.Empty(await PushedAsync(browser, () => app.PostStatusAsync(fan, "@ps_policy six")));
        Assert.Equal(1, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.AccountId == meId)));
        _ = fanId;
    }

    [Fact]
    public async Task NothingIsPushedFromABlockedAccountNorAboutWhatTheMemberCanNoLongerSee()
    {
        var (_, me) = await MemberAsync("ps_block");
        var (blockedId, blocked) = await MemberAsync("ps_block_blocked");
        var (_, author) = await MemberAsync("ps_block_author");
        var browser = await SubscribeAsync(me, AllAlerts);

        await PostAsync(me, $"/api/v1/accounts/{blockedId}/block");
        await app.PostStatusAsync(blocked, "@ps_block hello from a blocked account");
        await app.PushAsync();
        Assert.Empty(app.Stub.To(browser));

        // The mention is made, then its post deleted before the job runs: the push would show a post the member can no
        // longer read, so none is sent.
        var mention = Id(await app.PostStatusAsync(author, "@ps_block soon gone"));
        await KindredApp.Json(await app.Api(author).DeleteAsync($"/api/v1/statuses/{mention}"), HttpStatusCode.OK);
        await app.PushAsync();
        Assert.Empty(app.Stub.To(browser));

        // A blocked account's notification made past the block (none is) would still be checked when sending; a later
        // block stops what is already queued.
        await app.PostStatusAsync(author, "@ps_block queued before the block");
        var authorId = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "ps_block_author").Select(a => a.Id).SingleAsync());
        await PostAsync(me, $"/api/v1/accounts/{authorId}/block");
        await app.PushAsync();
        Assert.Empty(app.Stub.To(browser));
    }

    [Fact]
    public async Task TheWebUisSubscriptionBelongsToTheSessionAndEndsAtSignOut()
    {
        var user = await app.CreateUserAsync("ps_web");
        var browserClient = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browserClient, "ps_web", KindredApp.Password);
        var page = await Html.GetAsync(browserClient, "/settings/account");
        var token = WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(page, "data-push-token=\"([^\"]+)\"").Groups[1].Value);
        var key = System.Text.RegularExpressions.Regex.Match(page, "data-push-key=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(await app.WithDbAsync(db => db.WebPushKeys.Select(k => k.PublicKey).SingleAsync()), key);
        Assert.Contains("showNotification", await browserClient.GetStringAsync("/sw.js"), StringComparison.Ordinal);

        var pushBrowser = app.Stub.NewBrowser();
        var body = JsonContent.Create(new { endpoint = pushBrowser.Endpoint, keys = new { p256dh = pushBrowser.P256dh, auth = pushBrowser.Auth } });
        // Without the page's token, and signed out, nothing is stored.
        Assert.Equal(HttpStatusCode.BadRequest, (await browserClient.PostAsync("/settings/push", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Browser().PostAsync("/settings/push", body)).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.AccountId == user.Id)));

        using var request = new HttpRequestMessage(HttpMethod.Post, "/settings/push") { Content = body };
        request.Headers.Add("RequestVerificationToken", token);
        Assert.Equal(HttpStatusCode.NoContent, (await browserClient.SendAsync(request)).StatusCode);
        var stored = await app.WithDbAsync(db => db.WebPushSubscriptions.AsNoTracking().SingleAsync(s => s.AccountId == user.Id));
        Assert.NotNull(stored.SessionId);
        Assert.Null(stored.TokenId);

        // Every kind is pushed to the web UI; the payload carries no access token.
        var (_, sender) = await MemberAsync("ps_web_sender");
        await app.PostStatusAsync(sender, "@ps_web hello browser");
        await app.PushAsync();
        var payload = pushBrowser.Decrypt(Assert.Single(app.Stub.To(pushBrowser)).Body);
        Assert.Equal("", payload.GetProperty("access_token").GetString());
        Assert.Equal("mention", payload.GetProperty("notification_type").GetString());

        await Html.PostFormAsync(browserClient, "/settings/account", null, new Dictionary<string, string>(), postUrl: "/account/sign-out");
        Assert.Equal(0, await app.WithDbAsync(db => db.WebPushSubscriptions.CountAsync(s => s.AccountId == user.Id)));
    }
}

public sealed class PushSqliteTests(PushSqliteApp app) : PushTests(app), IClassFixture<PushSqliteApp>;

public sealed class PushPostgresTests(PushPostgresApp app) : PushTests(app), IClassFixture<PushPostgresApp>;
