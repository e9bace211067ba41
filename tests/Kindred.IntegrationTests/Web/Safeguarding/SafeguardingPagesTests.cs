using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Web.Safeguarding;

/// <summary>
/// The safeguarding pages without JavaScript (ADR 31, 35): vetted helpers, safeguarding leads, the aid figures and the
/// audit trail of sensitive views, who may open and post each one, the vetted-helper badge on profiles, and the
/// notifications the parties get when a lead resumes or closes an escalated conversation.
/// </summary>
public abstract partial class SafeguardingPagesTests(KindredApp app)
{
    private readonly AidFixtures aid = new(app, "sg_");

    [GeneratedRegex("<data value=\"([^\"]*)\"")]
    private static partial Regex DataValue();

    private async Task<HttpClient> SignedInAsync(AidFixtures.Member who)
    {
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, who.Name, KindredApp.Password);
        return browser;
    }

    /// <summary>
    /// Posts a form of <paramref name="url"/> with the antiforgery token of a page the caller may open, as a forged post
    /// would. The page renders no form for a role that may not use it, so the answer is a 400 or the page's 403.
    /// </summary>
    private static Task<HttpResponseMessage> ForgeAsync(HttpClient browser, string url, string formName, Dictionary<string, string> fields) =>
        Html.PostFormAsync(browser, "/notifications", formName, fields, url);

    public static readonly string[] Pages = ["/admin/aid/helpers", "/admin/aid/leads", "/admin/aid/figures", "/safeguarding/views"];

    /// <summary>What the services allow (Accounts/Roles, AidAuditQueries): vetting and figures for staff, admins and the
    /// owner; appointing leads for admins; the audit trail for safeguarding leads only.</summary>
    private static HttpStatusCode Expected(string page, string who) => (page, who) switch
    {
        ("/admin/aid/helpers" or "/admin/aid/figures", "staff" or "admin") => HttpStatusCode.OK,
        ("/admin/aid/leads", "admin") => HttpStatusCode.OK,
        ("/safeguarding/views", "lead") => HttpStatusCode.OK,
        _ => HttpStatusCode.Forbidden,
    };

    [Fact]
    public async Task EachPageOpensOnlyForTheRolesItsServiceAllows()
    {
        var people = new Dictionary<string, AidFixtures.Member>
        {
            ["member"] = await aid.MemberAsync("pmember"),
            ["vetted"] = await aid.MemberAsync("pvetted", vetted: true),
            ["moderator"] = await aid.MemberAsync("pmod", UserRole.Moderator),
            ["staff"] = await aid.MemberAsync("pstaff", UserRole.Staff),
            ["admin"] = await aid.MemberAsync("padmin", UserRole.Admin),
            ["lead"] = await aid.MemberAsync("plead", lead: true),
        };
        var anonymous = app.Browser();
        var wrong = new List<string>();
        foreach (var page in Pages)
        {
            var visitor = await anonymous.GetAsync(page);
            if (visitor.StatusCode != HttpStatusCode.Redirect || !Html.Location(visitor).StartsWith("/account/sign-in", StringComparison.Ordinal))
            {
                wrong.Add($"anonymous {page}: {(int)visitor.StatusCode}");
            }
            foreach (var (who, member) in people)
            {
                var response = await (await SignedInAsync(member)).GetAsync(page);
                if (response.StatusCode != Expected(page, who))
                {
                    wrong.Add($"{who} {page}: {(int)response.StatusCode}, expected {(int)Expected(page, who)}");
                }
            }
        }
        Assert.Empty(wrong);
    }

    [Fact]
    public async Task FormPostsByRolesThatMayNotAreRefusedAndChangeNothing()
    {
        var target = await aid.MemberAsync("ftarget");
        var moderator = await aid.MemberAsync("fmod", UserRole.Moderator);
        var staff = await aid.MemberAsync("fstaff", UserRole.Staff);
        var lead = await aid.MemberAsync("flead", lead: true);
        var vetted = await aid.MemberAsync("fvetted", vetted: true);
        var grant = await app.WithDbAsync(db => db.VettedHelpers.Where(v => v.AccountId == vetted.Id).Select(v => v.Id).SingleAsync());
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        foreach (var who in new[] { moderator, lead })
        {
            var browser = await SignedInAsync(who);
            var granted = await ForgeAsync(browser, "/admin/aid/helpers", "vetted-grant", new() { ["Input.Username"] = target.Name, ["Input.VettedOn"] = today, ["Input.Note"] = "References checked." });
            Assert.True((int)granted.StatusCode >= 400, $"granted: {(int)granted.StatusCode}");
            var revoked = await ForgeAsync(browser, "/admin/aid/helpers", $"vetted-revoke-{grant}", new() { ["Grant"] = grant.ToString(CultureInfo.InvariantCulture), ["RevokeNote"] = "No." });
            Assert.True((int)revoked.StatusCode >= 400, $"revoked: {(int)revoked.StatusCode}");
        }
        foreach (var who in new[] { moderator, staff, lead })
        {
            var browser = await SignedInAsync(who);
            var added = await ForgeAsync(browser, "/admin/aid/leads", "lead-add", new() { ["Input.Username"] = target.Name });
            Assert.True((int)added.StatusCode >= 400, $"added: {(int)added.StatusCode}");
            var removed = await ForgeAsync(browser, "/admin/aid/leads", $"lead-remove-{lead.Id}", new() { ["Lead"] = lead.Name });
            Assert.True((int)removed.StatusCode >= 400, $"removed: {(int)removed.StatusCode}");
        }

        Assert.False(await app.WithDbAsync(db => db.VettedHelpers.AnyAsync(v => v.AccountId == target.Id)));
        Assert.Null(await app.WithDbAsync(db => db.VettedHelpers.Where(v => v.Id == grant).Select(v => v.RevokedAt).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Users.Where(u => u.Id == target.Id).Select(u => u.IsSafeguardingLead).SingleAsync()));
        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == lead.Id).Select(u => u.IsSafeguardingLead).SingleAsync()));
    }

    [Fact]
    public async Task StaffGrantAndRevokeAndTheBadgeShowsOnlyToSignedInMembersWhileCurrent()
    {
        var staff = await aid.MemberAsync("gstaff", UserRole.Staff);
        var helper = await aid.MemberAsync("ghelper");
        var neighbour = await aid.MemberAsync("gneighbour");
        var browser = await SignedInAsync(staff);
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        const string Url = "/admin/aid/helpers";

        async Task<string> RefusedAsync(Dictionary<string, string> fields, string message)
        {
            var response = await Html.PostFormAsync(browser, Url, "vetted-grant", fields);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {Html.Snippet(body)}");
            Assert.Contains(message, body, StringComparison.Ordinal);
            return body;
        }

        await RefusedAsync(new Dictionary<string, string> { ["Input.Username"] = "sg_nobody_here", ["Input.VettedOn"] = today, ["Input.Note"] = "Checked." }, "There is no active member called");
        await RefusedAsync(new Dictionary<string, string> { ["Input.Username"] = helper.Name, ["Input.VettedOn"] = "", ["Input.Note"] = "Checked." }, "Give the day the checks were done.");
        await RefusedAsync(new Dictionary<string, string> { ["Input.Username"] = helper.Name, ["Input.VettedOn"] = "not-a-day", ["Input.Note"] = "Checked." }, "Give the day the checks were done.");
        await RefusedAsync(new Dictionary<string, string> { ["Input.Username"] = helper.Name, ["Input.VettedOn"] = today, ["Input.Note"] = new string('x', 2001) }, "The note is too long");
        Assert.False(await app.WithDbAsync(db => db.VettedHelpers.AnyAsync(v => v.AccountId == helper.Id)));

        var granted = await Html.PostFormAsync(browser, Url, "vetted-grant", new Dictionary<string, string> { ["Input.Username"] = helper.Name, ["Input.VettedOn"] = "2026-11-02", ["Input.Note"] = "References and background check." });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var list = await Html.GetAsync(browser, Html.Location(granted));
        Assert.Contains("References and background check.", list, StringComparison.Ordinal);
        Assert.Contains("@" + staff.Name, list, StringComparison.Ordinal);

        // The badge: signed-in members see it with the day of the checks; visitors do not.
        var profile = "/@" + helper.Name;
        Assert.Contains("Vetted helper since Monday, November 2, 2026", await Html.GetAsync(await SignedInAsync(neighbour), profile), StringComparison.Ordinal);
        Assert.DoesNotContain("Vetted helper", await Html.GetAsync(app.Browser(), profile), StringComparison.Ordinal);

        // Revoking needs a note; then the badge is gone and the history keeps who revoked it and why.
        var grant = await app.WithDbAsync(db => db.VettedHelpers.Where(v => v.AccountId == helper.Id).Select(v => v.Id).SingleAsync());
        var revokeForm = $"vetted-revoke-{grant}";
        var id = grant.ToString(CultureInfo.InvariantCulture);
        var noNote = await Html.PostFormAsync(browser, Url, revokeForm, new Dictionary<string, string> { ["Grant"] = id, ["RevokeNote"] = " " });
        Assert.Equal(HttpStatusCode.OK, noNote.StatusCode);
        Assert.Contains("Write a short note", await noNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.VettedHelpers.Where(v => v.Id == grant).Select(v => v.RevokedAt).SingleAsync()));

        var revoked = await Html.PostFormAsync(browser, Url, revokeForm, new Dictionary<string, string> { ["Grant"] = id, ["RevokeNote"] = "Reference withdrawn." });
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var history = await Html.GetAsync(browser, Url);
        var revokedSection = history[history.IndexOf("id=\"revoked-heading\"", StringComparison.Ordinal)..];
        Assert.Contains("Reference withdrawn.", revokedSection, StringComparison.Ordinal);
        Assert.Contains("@" + helper.Name, revokedSection, StringComparison.Ordinal);
        Assert.Contains("@" + staff.Name, revokedSection, StringComparison.Ordinal);
        Assert.DoesNotContain("Vetted helper", await Html.GetAsync(await SignedInAsync(neighbour), profile), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminsAddAndRemoveSafeguardingLeads()
    {
        var admin = await aid.MemberAsync("ladmin", UserRole.Admin);
        var member = await aid.MemberAsync("lmember");
        var browser = await SignedInAsync(admin);
        const string Url = "/admin/aid/leads";
        bool IsLead(long id) => app.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.IsSafeguardingLead).SingleAsync()).GetAwaiter().GetResult();

        var unknown = await Html.PostFormAsync(browser, Url, "lead-add", new Dictionary<string, string> { ["Input.Username"] = "sg_nobody_here" });
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("There is no active member called", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(IsLead(member.Id));

        var added = await Html.PostFormAsync(browser, Url, "lead-add", new Dictionary<string, string> { ["Input.Username"] = member.Name });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.True(IsLead(member.Id));
        Assert.Contains("@" + member.Name, await Html.GetAsync(browser, Url), StringComparison.Ordinal);
        // The new lead finds the audit trail.
        await Html.GetAsync(await SignedInAsync(member), "/safeguarding/views");

        var removed = await Html.PostFormAsync(browser, Url, $"lead-remove-{member.Id}", new Dictionary<string, string> { ["Lead"] = member.Name });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.False(IsLead(member.Id));
        Assert.DoesNotContain("@" + member.Name, await Html.GetAsync(browser, Url), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFiguresPageShowsWhatTheApiReturnsForTheSameRangeInTheReadersCulture()
    {
        var owner = await aid.MemberAsync("fowner");
        var helper = await aid.MemberAsync("fhelper");
        var admin = await aid.MemberAsync("fadmin", UserRole.Admin, scopes: "read write admin:read");
        var fulfilled = await aid.ItemAsync(owner);
        var closed = await aid.ItemAsync(owner);
        await aid.ItemAsync(owner);
        await aid.AnsweredAsync(helper, fulfilled.Id);
        await aid.AnsweredAsync(helper, closed.Id);
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/{fulfilled.Id}/fulfil");
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/{closed.Id}/close");

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = today.AddDays(-89).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var api = await aid.GetOkAsync(admin, $"/api/v1/admin/kindred/aid/figures?from={from}&to={today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}");
        var expected = new List<string>();
        foreach (var row in new[] { api.GetProperty("overall") }.Concat(api.GetProperty("by_category").EnumerateArray()).Concat(api.GetProperty("by_area").EnumerateArray()))
        {
            foreach (var field in new[] { "requests", "fulfilled", "ended_unfulfilled", "fulfilment_rate", "median_hours_to_first_response", "median_hours_to_fulfilment" })
            {
                var value = row.GetProperty(field);
                if (value.ValueKind == JsonValueKind.Number)
                {
                    expected.Add(value.GetDouble().ToString(CultureInfo.InvariantCulture));
                }
            }
        }
        Assert.True(api.GetProperty("overall").GetProperty("requests").GetInt32() >= 3);

        var browser = await SignedInAsync(admin);
        // With no dates the page shows the last 90 days, today included: the same range.
        foreach (var url in new[] { "/admin/aid/figures", $"/admin/aid/figures?from={from}&to={to}" })
        {
            var page = await Html.GetAsync(browser, url);
            Assert.Equal(expected, DataValue().Matches(page).Select(m => m.Groups[1].Value).ToList());
            Assert.Contains("<th scope=\"col\">Fulfilment rate</th>", page, StringComparison.Ordinal);
            Assert.Contains($"value=\"{to}\"", page, StringComparison.Ordinal);
        }

        // A bad range is a message, not an error page.
        var backwards = await Html.GetAsync(browser, $"/admin/aid/figures?from={to}&to={from}");
        Assert.Contains("The end of the period must come after its start.", backwards, StringComparison.Ordinal);
        Assert.Contains("year-month-day", await Html.GetAsync(browser, "/admin/aid/figures?from=yesterday"), StringComparison.Ordinal);

        // Numbers follow the reader's culture ("50%" in English, "50 %" with French spacing in French).
        var rate = api.GetProperty("by_category").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "childcare").GetProperty("fulfilment_rate").GetDouble();
        Assert.Equal(0.5, rate);
        var english = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/admin/aid/figures"));
        Assert.Contains($">{rate.ToString("P0", CultureInfo.GetCultureInfo("en"))}</data>", english, StringComparison.Ordinal);
        var frenchPage = WebUtility.HtmlDecode(await Html.GetAsync(browser, "/admin/aid/figures?culture=fr"));
        Assert.Contains("Taux de réussite", frenchPage, StringComparison.Ordinal);
        var frenchRate = rate.ToString("P0", CultureInfo.GetCultureInfo("fr"));
        Assert.NotEqual("50%", frenchRate);
        Assert.Contains($">{frenchRate}</data>", frenchPage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheAuditTrailListsAViewOfASensitiveItemFilteredAndPaged()
    {
        var owner = await aid.MemberAsync("vowner");
        var reader = await aid.MemberAsync("vreader");
        var lead = await aid.MemberAsync("vlead", lead: true);
        var item = await aid.ItemAsync(owner, sensitive: true);
        var other = await aid.ItemAsync(owner, sensitive: true);
        await Html.GetAsync(await SignedInAsync(reader), $"/aid/{item.Id}");

        var leadBrowser = await SignedInAsync(lead);
        var page = await Html.GetAsync(leadBrowser, "/safeguarding/views");
        Assert.Contains("@" + reader.Name, page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/aid/{item.Id}\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/safeguarding/escalations\"", page, StringComparison.Ordinal);

        Assert.Contains("@" + reader.Name, await Html.GetAsync(leadBrowser, $"/safeguarding/views?item_id={item.Id}"), StringComparison.Ordinal);
        Assert.DoesNotContain("@" + reader.Name, await Html.GetAsync(leadBrowser, $"/safeguarding/views?item_id={other.Id}"), StringComparison.Ordinal);
        Assert.Contains("An id is a number", await Html.GetAsync(leadBrowser, "/safeguarding/views?item_id=abc"), StringComparison.Ordinal);

        // The "older" page after this view does not list it again.
        var view = await app.WithDbAsync(db => db.AidItemViews.Where(v => v.ItemId == item.Id && v.ViewerId == reader.Id).Select(v => v.Id).SingleAsync());
        Assert.DoesNotContain("@" + reader.Name, await Html.GetAsync(leadBrowser, $"/safeguarding/views?item_id={item.Id}&max_id={view}"), StringComparison.Ordinal);
        // The escalations page links back here.
        Assert.Contains("href=\"/safeguarding/views\"", await Html.GetAsync(leadBrowser, "/safeguarding/escalations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task BothPartiesAreToldWhenALeadResumesAndWhenALeadClosesWithoutTheLeadsNote()
    {
        var owner = await aid.MemberAsync("nowner");
        var helper = await aid.MemberAsync("nhelper");
        var lead = await aid.MemberAsync("nlead", lead: true);
        var item = await aid.ItemAsync(owner, sensitive: true);
        var rid = await aid.AnsweredAsync(helper, item.Id);
        await aid.PostOkAsync(helper, $"/api/v1/kindred/aid/responses/{rid}/unsafe", ("reason", "Asked for my address."));
        var first = await app.WithDbAsync(db => db.AidEscalations.Where(e => e.RaisedById == helper.Id).Select(e => e.Id).SingleAsync());

        // Resumed on the web.
        var leadBrowser = await SignedInAsync(lead);
        var resumed = await Html.PostFormAsync(leadBrowser, $"/safeguarding/escalations/{first}", "escalation-review", new Dictionary<string, string> { ["Input.Action"] = "resume", ["Input.Note"] = "Spoke to both; a misunderstanding." });
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        var ownerBrowser = await SignedInAsync(owner);
        var helperBrowser = await SignedInAsync(helper);
        foreach (var browser in new[] { ownerBrowser, helperBrowser })
        {
            var page = await Html.GetAsync(browser, "/notifications");
            Assert.Contains("The safeguarding team reviewed your aid conversation: it is resumed", page, StringComparison.Ordinal);
            Assert.DoesNotContain("misunderstanding", page, StringComparison.Ordinal);
            Assert.DoesNotContain(lead.Name, page, StringComparison.Ordinal);
        }
        Assert.Contains($"/aid/conversations/{rid}", await Html.GetAsync(helperBrowser, "/notifications"), StringComparison.Ordinal);

        // Closed through the API.
        await aid.PostOkAsync(owner, $"/api/v1/kindred/aid/responses/{rid}/unsafe");
        var second = await app.WithDbAsync(db => db.AidEscalations.Where(e => e.RaisedById == owner.Id).Select(e => e.Id).SingleAsync());
        await aid.PostOkAsync(lead, $"/api/v1/kindred/safeguarding/escalations/{second}/review", ("action", "close"), ("note", "Closing for good."));
        foreach (var browser in new[] { ownerBrowser, helperBrowser })
        {
            var page = await Html.GetAsync(browser, "/notifications");
            Assert.Contains("The safeguarding team reviewed your aid conversation: it is closed", page, StringComparison.Ordinal);
            Assert.DoesNotContain("Closing for good.", page, StringComparison.Ordinal);
        }
        foreach (var who in new[] { owner, helper })
        {
            Assert.Single(await aid.NotificationsAsync(who.Id, "aid_review_resumed"));
            Assert.Single(await aid.NotificationsAsync(who.Id, "aid_review_closed"));
        }
        // Apps see the new types too.
        var api = await aid.GetOkAsync(helper, "/api/v1/notifications?types[]=aid_review_closed");
        Assert.Equal("aid_review_closed", api.EnumerateArray().Single().GetProperty("type").GetString());
    }
}

public sealed class SafeguardingPagesSqliteTests(SqliteApp app) : SafeguardingPagesTests(app), IClassFixture<SqliteApp>;

public sealed class SafeguardingPagesPostgresTests(PostgresApp app) : SafeguardingPagesTests(app), IClassFixture<PostgresApp>;
