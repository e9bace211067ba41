using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kindred.Core.Common.Email;
using Kindred.Core.Jobs;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace Kindred.IntegrationTests.Web.Account;

/// <summary>
/// Nobody learns from sign-up or from "forgot password" whether an address belongs to a member (ADR 47): the answers for
/// a taken and a new address are the same, the owner is mailed instead, and the mail is queued by the request and
/// sent by the job, so no SMTP work happens inside the request.
/// </summary>
public abstract class AccountEnumerationTests(KindredApp app)
{
    private static readonly string[] VaryingHeaders = ["Date", "Set-Cookie"];

    [Fact]
    public async Task WebSignUpAnswersTheSameForATakenAndANewAddressAndMailsTheOwner()
    {
        await app.CreateUserAsync("enum_web_owner");
        var taken = await SignUpAsync("enum_web_a", "enum_web_owner@example.org");
        var fresh = await SignUpAsync("enum_web_b", "enum_web_fresh@example.org");

        Assert.Equal(HttpStatusCode.Redirect, fresh.StatusCode);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        Assert.Equal(Html.Location(fresh), Html.Location(taken));
        Assert.Equal(Headers(fresh), Headers(taken));
        // Apart from what each person typed, which the page writes back into the form it left behind.
        Assert.Equal((await BodyAsync(fresh)).Replace("enum_web_b", "…", StringComparison.Ordinal).Replace("enum_web_fresh", "…", StringComparison.Ordinal),
            (await BodyAsync(taken)).Replace("enum_web_a", "…", StringComparison.Ordinal).Replace("enum_web_owner", "…", StringComparison.Ordinal));
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "enum_web_a")));

        // Queued by the request, not sent inside it.
        Assert.Empty(MailsTo("enum_web_owner@example.org"));
        Assert.Empty(MailsTo("enum_web_fresh@example.org"));
        Assert.Equal(2, await app.WithDbAsync(db => db.Jobs.CountAsync(j => j.Kind == MailJob.Name && j.State == JobState.Pending
            && (j.Payload.Contains("enum_web_owner@example.org") || j.Payload.Contains("enum_web_fresh@example.org")))));

        await app.DeliverMailAsync();
        var owner = Assert.Single(MailsTo("enum_web_owner@example.org"));
        Assert.Equal("Someone tried to sign up with your address", owner.Subject);
        Assert.Contains("http://localhost/account/forgot-password", owner.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/account/sign-in", owner.TextBody, StringComparison.Ordinal);
        Assert.Contains("/account/confirm?user=", Assert.Single(MailsTo("enum_web_fresh@example.org")).TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiSignUpAnswersTheSameForATakenAndANewAddressAndMailsTheOwner()
    {
        await app.CreateUserAsync("enum_api_owner");
        var appToken = await app.AppTokenAsync("read write");
        var taken = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "enum_api_a", email = "enum_api_owner@example.org", password = "a long enough password", agreement = true, locale = "en" });
        var fresh = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "enum_api_b", email = "enum_api_fresh@example.org", password = "a long enough password", agreement = true, locale = "en" });

        var takenJson = await KindredApp.Json(taken, HttpStatusCode.OK);
        var freshJson = await KindredApp.Json(fresh, HttpStatusCode.OK);
        Assert.Equal(Headers(fresh), Headers(taken));
        Assert.Equal(Shape(freshJson), Shape(takenJson));
        Assert.Equal(Values(freshJson), Values(takenJson));
        // Both tokens are real tokens of the app; the one for the taken address acts for nobody.
        foreach (var json in new[] { takenJson, freshJson })
        {
            var token = json.GetProperty("access_token").GetString()!;
            Assert.Equal(HttpStatusCode.OK, (await app.Api(token).GetAsync("/api/v1/apps/verify_credentials")).StatusCode);
        }
        Assert.False(await app.WithDbAsync(db => db.Users.AnyAsync(u => u.UserName == "enum_api_a")));

        // A weak password is refused the same way for both.
        var weakTaken = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "enum_api_c", email = "enum_api_owner@example.org", password = "short", agreement = true });
        var weakFresh = await app.Api(appToken).PostAsJsonAsync("/api/v1/accounts", new { username = "enum_api_d", email = "enum_api_other@example.org", password = "short", agreement = true });
        Assert.Equal((await KindredApp.Json(weakFresh, HttpStatusCode.UnprocessableEntity)).ToString(), (await KindredApp.Json(weakTaken, HttpStatusCode.UnprocessableEntity)).ToString());

        Assert.Empty(MailsTo("enum_api_owner@example.org"));
        await app.DeliverMailAsync();
        Assert.Equal("Someone tried to sign up with your address", Assert.Single(MailsTo("enum_api_owner@example.org")).Subject);
    }

    [Fact]
    public async Task ForgotPasswordQueuesTheMailAndDoesNoSmtpWorkInsideTheRequest()
    {
        await app.CreateUserAsync("enum_reset");
        var known = await Html.PostFormAsync(app.Browser(), "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "enum_reset@example.org" });
        var unknown = await Html.PostFormAsync(app.Browser(), "/account/forgot-password", "forgot-password", new Dictionary<string, string> { ["Input.Email"] = "enum_nobody@example.org" });
        Assert.Equal(HttpStatusCode.OK, known.StatusCode);
        Assert.Equal(unknown.StatusCode, known.StatusCode);
        Assert.Equal(Headers(unknown), Headers(known));
        Assert.Equal(await BodyAsync(unknown), await BodyAsync(known));

        Assert.Empty(MailsTo("enum_reset@example.org"));
        var queued = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Kind == MailJob.Name && j.Payload.Contains("enum_reset@example.org")));
        Assert.Equal(JobState.Pending, queued.State);
        Assert.Equal(0, queued.Attempts);

        Assert.True(await app.DeliverMailAsync() >= 1);
        Assert.Contains("/account/reset-password?user=", Assert.Single(MailsTo("enum_reset@example.org")).TextBody, StringComparison.Ordinal);
        var sent = await app.WithDbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == queued.Id));
        Assert.Equal(JobState.Done, sent.State);
        // The reset link does not stay readable in the database once delivered.
        Assert.Equal("", sent.Payload);
        Assert.Equal(0, await app.DeliverMailAsync());
        Assert.Single(MailsTo("enum_reset@example.org"));
    }

    [Fact]
    public async Task TwoProcessesRunningTheQueueTogetherSendEachMailOnce()
    {
        await app.WithServicesAsync(async s =>
        {
            var queue = s.GetRequiredService<MailJob>();
            for (var i = 0; i < 20; i++)
            {
                queue.Add($"enum_race{i}@example.org", "Race", "text", "");
            }
            return await s.GetRequiredService<Kindred.Data.KindredDbContext>().SaveChangesAsync();
        });
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(app.DeliverMailAsync)));
        for (var i = 0; i < 20; i++)
        {
            Assert.Single(MailsTo($"enum_race{i}@example.org"));
        }
    }

    private Task<HttpResponseMessage> SignUpAsync(string username, string email) =>
        Html.PostFormAsync(app.Browser(), "/account/sign-up", "sign-up", new Dictionary<string, string>
        {
            ["Input.Username"] = username,
            ["Input.Email"] = email,
            ["Input.Password"] = "a long enough password",
            ["Input.Language"] = "en",
            ["Input.AcceptRules"] = "true",
        });

    private static string Headers(HttpResponseMessage response) =>
        string.Join("\n", response.Headers.Concat(response.Content.Headers)
            .Select(h => h.Key + ": " + (VaryingHeaders.Contains(h.Key) ? "…" : string.Join(",", h.Value)))
            .Where(h => !h.StartsWith("Content-Length", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal));

    /// <summary>The body with what differs on every page anyway (antiforgery tokens and other long random strings) blanked.</summary>
    private static async Task<string> BodyAsync(HttpResponseMessage response) =>
        Regex.Replace(await response.Content.ReadAsStringAsync(), "[A-Za-z0-9_+/=-]{40,}", "…");

    /// <summary>Every value but the token and its time.</summary>
    private static string Values(JsonElement json) =>
        string.Join(",", json.EnumerateObject().Where(p => p.Name is not ("access_token" or "created_at")).Select(p => p.Name + "=" + p.Value).Order(StringComparer.Ordinal));

    private static string Shape(JsonElement json) => string.Join(",", json.EnumerateObject().Select(p => p.Name + ":" + p.Value.ValueKind).Order(StringComparer.Ordinal));

    private List<MimeMessage> MailsTo(string address) =>
        Directory.Exists(app.MailDirectory)
            ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(f => MimeMessage.Load(f)).Where(m => m.To.Mailboxes.Any(a => a.Address == address)).ToList()
            : [];
}

public sealed class AccountEnumerationSqliteTests(SqliteApp app) : AccountEnumerationTests(app), IClassFixture<SqliteApp>;

public sealed class AccountEnumerationPostgresTests(PostgresApp app) : AccountEnumerationTests(app), IClassFixture<PostgresApp>;
