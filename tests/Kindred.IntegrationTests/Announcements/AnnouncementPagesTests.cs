using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Audit;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;

namespace Kindred.IntegrationTests.Announcements;

/// <summary>The staff page /staff/announcements and the members' banner with its dismiss form (ADR 61).</summary>
public abstract partial class AnnouncementPagesTests(KindredApp app)
{
    [GeneratedRegex("/staff/announcements/([0-9]+)")]
    private static partial Regex EditLink();

    private async Task<HttpClient> SignedInAsync(string username, UserRole role = UserRole.Member)
    {
        await app.CreateUserAsync(username, role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    [Fact]
    public async Task OnlyStaffAdminsAndTheOwnerOpenTheStaffPage()
    {
        var draft = await AnnouncementFixtures.CreateAsync(app, "Secret draft of the role matrix", publish: false);
        foreach (var (name, role) in new[] { ("ap_staff", UserRole.Staff), ("ap_admin", UserRole.Admin), ("ap_owner", UserRole.Owner) })
        {
            var browser = await SignedInAsync(name, role);
            Assert.Contains("Secret draft of the role matrix", await Html.GetAsync(browser, "/staff/announcements"), StringComparison.Ordinal);
            await Html.GetAsync(browser, $"/staff/announcements/{draft.Id}");
        }
        foreach (var (name, role) in new[] { ("ap_member", UserRole.Member), ("ap_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            foreach (var path in new[] { "/staff/announcements", $"/staff/announcements/{draft.Id}" })
            {
                var refused = await browser.GetAsync(path);
                Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
                Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
            }
            // Drafts are nobody's banner.
            Assert.DoesNotContain("Secret draft of the role matrix", await Html.GetAsync(browser, "/"), StringComparison.Ordinal);
        }
        var anonymous = await app.Browser().GetAsync("/staff/announcements");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("Secret draft", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffCountAndMailAPeopleListSegmentFromTheAnnouncementPageAndNobodyElseReachesTheForm()
    {
        var a = await AnnouncementFixtures.CreateAsync(app, "For the segment of the role matrix");
        var owner = await AnnouncementFixtures.OwnerIdAsync(app);
        var tagged = new[] { await app.CreateUserAsync("aps_one"), await app.CreateUserAsync("aps_two"), await app.CreateUserAsync("aps_three") };
        await app.WithDbAsync(async db =>
        {
            foreach (var user in tagged)
            {
                db.StaffTags.Add(new StaffTag
                {
                    Id = Kindred.Data.Snowflake.NewId(DateTime.UtcNow),
                    AccountId = user.Id,
                    Name = "Segment walker",
                    NameNormalized = "segment walker",
                    AddedById = owner,
                    AddedAt = DateTime.UtcNow
                });
            }
            await db.SaveChangesAsync();
            // One of them said no to announcement e-mails: counted out.
            await db.Users.Where(u => u.Id == tagged[2].Id).ExecuteUpdateAsync(x => x.SetProperty(u => u.AnnouncementEmailsOff, true));
        });
        var path = $"/staff/announcements/{a.Id}?tag=segment+walker";
        foreach (var (name, role) in new[] { ("aps_staff", UserRole.Staff), ("aps_admin", UserRole.Admin), ("aps_owner", UserRole.Owner) })
        {
            var browser = await SignedInAsync(name, role);
            var page = await Html.GetAsync(browser, path);
            Assert.Contains("2 members match this filter and would get the e-mail.", page, StringComparison.Ordinal);
            Assert.Contains("id=\"audience-people\"", page, StringComparison.Ordinal);
            Assert.Contains("value=\"segment walker\"", page, StringComparison.Ordinal);
        }
        foreach (var (name, role) in new[] { ("aps_member", UserRole.Member), ("aps_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            var refused = await browser.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
        }
        var anonymous = await app.Browser().GetAsync(path);
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.DoesNotContain("would get the e-mail", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A filter the list refuses is a 400 with the reason, and counts nobody.
        var staff = app.Browser();
        await AccountFlowTests.SignInAsync(staff, "aps_staff", KindredApp.Password);
        var bad = await staff.GetAsync($"/staff/announcements/{a.Id}?lapsed=0");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.DoesNotContain("would get the e-mail", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var sent = await Html.PostFormAsync(staff, path, "email", new Dictionary<string, string> { ["Audience"] = "People" });
        Assert.True(sent.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, sent.StatusCode.ToString());
        var payload = await app.WithDbAsync(db => db.Jobs.AsNoTracking().Where(j => j.Kind == Kindred.Core.Announcements.AnnouncementMailJob.Name
            && j.IdempotencyKey == Kindred.Core.Announcements.AnnouncementMailJob.BatchKey(a.Id, 0)).Select(j => j.Payload).SingleAsync());
        var batch = System.Text.Json.JsonSerializer.Deserialize<Kindred.Core.Announcements.AnnouncementMailBatch>(payload)!;
        Assert.Equal(Kindred.Core.Announcements.AnnouncementAudienceKind.People, batch.Audience.Kind);
        Assert.Equal("segment walker", batch.Audience.People!.Tag);
    }

    [Fact]
    public async Task StaffWriteAndPublishAndAMemberSeesTheBannerUntilTheyDismissIt()
    {
        var staff = await SignedInAsync("ap_writer", UserRole.Staff);
        var created = await Html.PostFormAsync(staff, "/staff/announcements", "new-announcement", new Dictionary<string, string>
        {
            ["Input.Text"] = "Our **spring clean-up** needs you",
            ["Input.StartDate"] = "",
            ["Input.EndDate"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = Html.Location(created);
        var id = long.Parse(EditLink().Match(page).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        var member = await SignedInAsync("ap_reader");
        Assert.DoesNotContain("spring clean-up", await Html.GetAsync(member, "/"), StringComparison.Ordinal);

        var published = await Html.PostFormAsync(staff, $"/staff/announcements/{id}", "publish", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, published.StatusCode);

        var home = await Html.GetAsync(member, "/");
        Assert.Contains("<strong>spring clean-up</strong>", home, StringComparison.Ordinal);
        Assert.Contains("aria-labelledby=\"announcements-heading\"", home, StringComparison.Ordinal);
        Assert.Contains($"action=\"/announcements/{id}/dismiss\"", home, StringComparison.Ordinal);

        var dismissed = await Html.PostFormAsync(member, "/", null, new Dictionary<string, string> { ["returnUrl"] = "/groups" }, $"/announcements/{id}/dismiss");
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Equal("/groups#main", Html.Location(dismissed));
        Assert.DoesNotContain("spring clean-up", await Html.GetAsync(member, "/"), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.AnnouncementDismissals.AnyAsync(d => d.AnnouncementId == id)));

        // Another member still sees it, in French too.
        var otherUser = await app.CreateUserAsync("ap_other");
        await app.WithDbAsync(db => db.Users.Where(u => u.Id == otherUser.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Locale, "fr")));
        var other = app.Browser();
        await AccountFlowTests.SignInAsync(other, "ap_other", KindredApp.Password);
        var french = await Html.GetAsync(other, "/");
        Assert.Contains("spring clean-up", french, StringComparison.Ordinal);
        Assert.Contains("Masquer", french, StringComparison.Ordinal);

        var unpublished = await Html.PostFormAsync(staff, $"/staff/announcements/{id}", "unpublish", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, unpublished.StatusCode);
        Assert.DoesNotContain("spring clean-up", await Html.GetAsync(other, "/"), StringComparison.Ordinal);

        // Every staff step is in the audit log, naming the writer.
        var writer = await app.WithDbAsync(db => db.Accounts.Where(a => a.Username == "ap_writer").Select(a => a.Id).SingleAsync());
        var logged = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.TargetKind == "announcement" && e.TargetId == id)
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.ActorId }).ToListAsync());
        Assert.Equal([AuditActions.AnnouncementCreate, AuditActions.AnnouncementPublish, AuditActions.AnnouncementUnpublish], logged.Select(e => e.Action));
        Assert.All(logged, e => Assert.Equal(writer, e.ActorId));
    }

    [Fact]
    public async Task StaffWithoutATimeZoneTypeTimesInTheOrganizationsZone()
    {
        var staff = await SignedInAsync("ap_zone", UserRole.Staff);
        var before = await app.WithDbAsync(db => db.Organizations.Select(o => o.TimeZone).FirstAsync());
        await app.WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.TimeZone, "America/New_York")));
        try
        {
            var created = await Html.PostFormAsync(staff, "/staff/announcements", "new-announcement", new Dictionary<string, string>
            {
                ["Input.Text"] = "Winter fair in New York time",
                ["Input.StartDate"] = "2031-01-15",
                ["Input.StartTime"] = "09:30",
            });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var startsAt = await app.WithDbAsync(db => db.Announcements.Where(a => a.Text == "Winter fair in New York time").Select(a => a.StartsAt).FirstAsync());
            // 09:30 in New York in January (UTC-5) is 14:30 UTC; in UTC it would have stayed 09:30.
            Assert.Equal(new DateTime(2031, 1, 15, 14, 30, 0, DateTimeKind.Utc), startsAt);
        }
        finally
        {
            await app.WithDbAsync(db => db.Organizations.ExecuteUpdateAsync(s => s.SetProperty(o => o.TimeZone, before)));
        }
    }

    [Fact]
    public async Task AnEndBeforeTheStartIsAFormErrorAndCreatesNothing()
    {
        var staff = await SignedInAsync("ap_bad", UserRole.Staff);
        var before = await app.WithDbAsync(db => db.Announcements.CountAsync());
        foreach (var fields in new[]
        {
            new Dictionary<string, string> { ["Input.Text"] = "Backwards", ["Input.StartDate"] = "2030-05-02", ["Input.EndDate"] = "2030-05-01" },
            new Dictionary<string, string> { ["Input.Text"] = "Bad date", ["Input.StartDate"] = "tomorrow" },
            new Dictionary<string, string> { ["Input.Text"] = "   " },
        })
        {
            var response = await Html.PostFormAsync(staff, "/staff/announcements", "new-announcement", fields);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("aria-invalid", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.Announcements.CountAsync()));

        var dismissAnonymous = await app.Browser().PostAsync("/announcements/1/dismiss", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, dismissAnonymous.StatusCode);
    }
}

public sealed class AnnouncementPagesSqliteTests(SqliteApp app) : AnnouncementPagesTests(app), IClassFixture<SqliteApp>;

public sealed class AnnouncementPagesPostgresTests(PostgresApp app) : AnnouncementPagesTests(app), IClassFixture<PostgresApp>;
