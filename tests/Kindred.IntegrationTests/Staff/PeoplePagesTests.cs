using System.Globalization;
using System.Net;
using System.Text;
using Kindred.Core.Aid;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Staff;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Staff;

/// <summary>
/// The people list, its CSV and the supporter view through HTTP (ADR 59): who may open them, notes and tags with their
/// history and never shown to members, formula-safe CSV, and one audit call per view.
/// </summary>
public abstract class PeoplePagesTests(StaffApp app)
{
    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task OnlyStaffAdminsAndTheOwnerOpenThePeoplePages()
    {
        var subject = await app.CreateUserAsync("pp_subject");
        var (_, member) = await app.SignedInAsync("pp_member");
        var (_, lead) = await app.SignedInAsync("pp_lead", lead: true);
        var (_, moderator) = await app.SignedInAsync("pp_moderator", UserRole.Moderator);
        var (_, staff) = await app.SignedInAsync("pp_staff", UserRole.Staff);
        var (_, admin) = await app.SignedInAsync("pp_admin", UserRole.Admin);
        var owner = app.Browser();
        await AccountFlowTests.SignInAsync(owner, "owner", KindredApp.OwnerPassword);
        string[] paths = ["/staff/people", "/staff/people/pp_subject", "/staff/people.csv"];

        foreach (var refused in new[] { member, lead, moderator })
        {
            foreach (var path in paths)
            {
                var response = await refused.GetAsync(path);
                Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
                Assert.DoesNotContain("pp_subject", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }
            // A forged form post changes nothing.
            await Html.PostFormAsync(staff, "/staff/people/pp_subject", "note", new Dictionary<string, string> { ["NewNote"] = "warm-up" });
            var before = await app.WithDbAsync(db => db.StaffNotes.CountAsync(n => n.AccountId == subject.Id));
            // The refused page renders no form, so the token comes from a page they may open.
            var forged = await Html.PostFormAsync(refused, "/settings/profile", "note", new Dictionary<string, string> { ["NewNote"] = "forged" }, postUrl: "/staff/people/pp_subject");
            Assert.NotEqual(HttpStatusCode.OK, forged.StatusCode);
            Assert.Equal(before, await app.WithDbAsync(db => db.StaffNotes.CountAsync(n => n.AccountId == subject.Id)));
        }
        foreach (var path in paths)
        {
            var signedOut = await app.Browser().GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
            Assert.Contains("/account/sign-in", Html.Location(signedOut), StringComparison.Ordinal);
        }
        foreach (var allowed in new[] { staff, admin, owner })
        {
            Assert.Contains("pp_subject", await Html.GetAsync(allowed, "/staff/people"), StringComparison.Ordinal);
            Assert.Contains("pp_subject", await Html.GetAsync(allowed, "/staff/people/pp_subject"), StringComparison.Ordinal);
            var csv = await allowed.GetAsync("/staff/people.csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
            Assert.Contains("pp_subject", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/staff/people/pp_nobody")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/staff/people?lapsed=0")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/staff/people.csv?joined_from=yesterday")).StatusCode);
    }

    [Fact]
    public async Task NotesAndTagsKeepTheirHistory()
    {
        var subject = await app.CreateUserAsync("pp_noted");
        var (staffUser, staff) = await app.SignedInAsync("pp_noter", UserRole.Staff);
        const string page = "/staff/people/pp_noted";
        await Html.PostFormAsync(staff, page, "note", new Dictionary<string, string> { ["NewNote"] = "Drives on Tuesdays." });
        var note = await app.WithDbAsync(db => db.StaffNotes.AsNoTracking().SingleAsync(n => n.AccountId == subject.Id));
        Assert.Equal(staffUser.Id, note.AuthorId);

        await Html.PostFormAsync(staff, page, "edit-note", new Dictionary<string, string> { ["EditNote"] = Id(note.Id), [$"note-{Id(note.Id)}"] = "Drives on Tuesdays and Thursdays." });
        var edited = await app.WithDbAsync(db => db.StaffNotes.AsNoTracking().SingleAsync(n => n.Id == note.Id));
        Assert.Equal("Drives on Tuesdays and Thursdays.", edited.Text);
        Assert.Equal(staffUser.Id, edited.EditedById);
        var old = await app.WithDbAsync(db => db.StaffNoteEdits.AsNoTracking().SingleAsync(e => e.NoteId == note.Id));
        Assert.Equal("Drives on Tuesdays.", old.OldText);
        Assert.Equal(staffUser.Id, old.EditedById);

        await Html.PostFormAsync(staff, page, "tag", new Dictionary<string, string> { ["NewTag"] = "Volunteer driver" });
        await Html.PostFormAsync(staff, page, "tag", new Dictionary<string, string> { ["NewTag"] = "volunteer DRIVER" });
        var tag = await app.WithDbAsync(db => db.StaffTags.AsNoTracking().SingleAsync(t => t.AccountId == subject.Id));
        await Html.PostFormAsync(staff, page, "untag", new Dictionary<string, string> { ["RemoveTag"] = Id(tag.Id) });
        var removed = await app.WithDbAsync(db => db.StaffTags.AsNoTracking().SingleAsync(t => t.Id == tag.Id));
        Assert.NotNull(removed.RemovedAt);
        Assert.Equal(staffUser.Id, removed.RemovedById);

        var view = await Html.GetAsync(staff, page);
        Assert.Contains("Drives on Tuesdays and Thursdays.", view, StringComparison.Ordinal);
        Assert.Contains("Drives on Tuesdays.", view, StringComparison.Ordinal);
        Assert.Contains("<del>Volunteer driver</del>", view, StringComparison.Ordinal);

        // The Core query for the member's data export returns the same, history included.
        var record = await app.WithServicesAsync(s => s.GetRequiredService<StaffNoteQueries>().AboutMemberAsync(subject.Id));
        var exported = Assert.Single(record.Notes);
        Assert.Equal("Drives on Tuesdays.", Assert.Single(exported.Edits).OldText);
        Assert.Equal("pp_noter", exported.Author);
        Assert.Equal("pp_noter", Assert.Single(record.Tags).RemovedBy);

        // Each change is in the audit log, naming the member; a note's text never is (only the tag's name).
        var logged = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ActorId == staffUser.Id && e.TargetId == subject.Id && e.Action.StartsWith("people.") && e.Action != AuditActions.SupporterView)
            .OrderBy(e => e.Id).ToListAsync());
        Assert.Equal([AuditActions.StaffNoteAdd, AuditActions.StaffNoteEdit, AuditActions.StaffTagAdd, AuditActions.StaffTagRemove], logged.Select(e => e.Action));
        Assert.DoesNotContain(logged, e => (e.Before + e.After + e.Summary).Contains("Tuesdays", StringComparison.Ordinal));
        Assert.Equal("Volunteer driver", logged[2].After);
    }

    [Fact]
    public async Task AnEditOrRemovalNamingAnotherMembersNoteChangesNothing()
    {
        var first = await app.CreateUserAsync("pp_first");
        await app.CreateUserAsync("pp_second");
        var (_, staff) = await app.SignedInAsync("pp_crosser", UserRole.Staff);
        await Html.PostFormAsync(staff, "/staff/people/pp_first", "note", new Dictionary<string, string> { ["NewNote"] = "About the first." });
        var note = await app.WithDbAsync(db => db.StaffNotes.AsNoTracking().SingleAsync(n => n.AccountId == first.Id));
        await Html.PostFormAsync(staff, "/staff/people/pp_second", "edit-note", new Dictionary<string, string> { ["EditNote"] = Id(note.Id), [$"note-{Id(note.Id)}"] = "Changed." });
        Assert.Equal("About the first.", (await app.WithDbAsync(db => db.StaffNotes.AsNoTracking().SingleAsync(n => n.Id == note.Id))).Text);
    }

    [Fact]
    public async Task MembersNeverSeeNotesOrTagsAnywhereAProfileIsShown()
    {
        var subject = await app.CreateUserAsync("pp_private");
        var (_, staff) = await app.SignedInAsync("pp_writer", UserRole.Staff);
        await Html.PostFormAsync(staff, "/staff/people/pp_private", "note", new Dictionary<string, string> { ["NewNote"] = "NOTE-7731 only for staff" });
        await Html.PostFormAsync(staff, "/staff/people/pp_private", "tag", new Dictionary<string, string> { ["NewTag"] = "TAG-7731" });
        Assert.Equal(1, await app.WithDbAsync(db => db.StaffNotes.CountAsync(n => n.AccountId == subject.Id)));
        Assert.Equal(1, await app.WithDbAsync(db => db.StaffTags.CountAsync(t => t.AccountId == subject.Id)));

        var (_, self) = await app.SignedInAsync("pp_reader");
        var selfToken = await app.TokenAsync("pp_reader");
        var subjectBrowser = app.Browser();
        await AccountFlowTests.SignInAsync(subjectBrowser, "pp_private", KindredApp.Password);
        var subjectToken = await app.TokenAsync("pp_private");
        var id = Id(subject.Id);
        var pages = new List<(HttpClient Client, string Path)>
        {
            (self, "/@pp_private"),
            (subjectBrowser, "/@pp_private"),
            (app.Browser(), "/@pp_private"),
            (self, "/search?q=pp_private"),
            (subjectBrowser, "/settings/profile"),
            (self, "/staff/people/pp_private"),
            (subjectBrowser, "/staff/people/pp_private"),
            (subjectBrowser, "/staff/people.csv"),
            (app.Api(selfToken), $"/api/v1/accounts/{id}"),
            (app.Api(selfToken), "/api/v1/accounts/lookup?acct=pp_private"),
            (app.Api(selfToken), "/api/v2/search?q=pp_private&type=accounts"),
            (app.Api(subjectToken), "/api/v1/accounts/verify_credentials"),
            (app.Api(), $"/api/v1/accounts/{id}"),
        };
        foreach (var (client, path) in pages)
        {
            var body = await (await client.GetAsync(path)).Content.ReadAsStringAsync();
            Assert.DoesNotContain("7731", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CsvCellsThatASpreadsheetWouldRunAreEscaped()
    {
        var (_, staff) = await app.SignedInAsync("pp_exporter", UserRole.Staff);
        var staffId = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == "pp_exporter").Select(u => u.Id).SingleAsync());
        string[] hostile = ["=HYPERLINK(\"http://x.example\")", "+SUM(1;2)", "-2+3", "@cmd", "\tTabbed", "\rReturn"];
        for (var i = 0; i < hostile.Length; i++)
        {
            var user = await app.CreateUserAsync($"pp_csv{i}");
            var name = hostile[i];
            await PeopleCommunity.ShapeAsync(app, user.Id, u => u.Account.DisplayName = name);
            await PeopleCommunity.AddAsync(app, db =>
            {
                db.StaffTags.Add(PeopleCommunity.Tag(user.Id, "pp-csv", staffId, DateTime.UtcNow));
                db.StaffTags.Add(PeopleCommunity.Tag(user.Id, name.Trim(), staffId, DateTime.UtcNow));
            });
        }
        var response = await staff.GetAsync("/staff/people.csv?tag=pp-csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var rows = Csv.Parse(Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF'));
        // Times are in the reader's zone, and the header says which (ADR 84).
        Assert.Equal(["username", "display_name", "area", "tags"], [rows[0][0], rows[0][1], rows[0][4], rows[0][5]]);
        Assert.Matches(@"^joined_at \(.+\)$", rows[0][2]);
        Assert.Matches(@"^last_active_at \(.+\)$", rows[0][3]);
        Assert.Equal(hostile.Length, rows.Count - 1);
        foreach (var cell in rows.Skip(1).SelectMany(r => r))
        {
            Assert.False(cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal), $"A cell starts with a formula character: {cell}");
        }
        Assert.Contains(rows, r => r[1] == "'=HYPERLINK(\"http://x.example\")");
        Assert.Contains(rows, r => r[1] == "'@cmd");
    }

    [Fact]
    public async Task EveryViewOfThePeoplePagesIsAuditedOnce()
    {
        var audit = new RecordingAudit();
        await using var audited = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IPeopleAudit>(audit)));
        var subject = await app.CreateUserAsync("pp_watched");
        var staff = await app.CreateUserAsync("pp_auditor", UserRole.Staff);
        await app.CreateUserAsync("pp_nosy");
        var browser = audited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountFlowTests.SignInAsync(browser, "pp_auditor", KindredApp.Password);
        var nosy = audited.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountFlowTests.SignInAsync(nosy, "pp_nosy", KindredApp.Password);

        await Html.GetAsync(browser, "/staff/people?tag=x");
        await Html.GetAsync(browser, "/staff/people/pp_watched");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff/people.csv")).StatusCode);
        // Refused views are not views.
        await nosy.GetAsync("/staff/people");
        await nosy.GetAsync("/staff/people/pp_watched");

        Assert.Equal([$"list {staff.Id} x", $"supporter {staff.Id} {subject.Id}", $"export {staff.Id}"], audit.Calls);
    }

    [Fact]
    public async Task EachPeopleViewLeavesOneEntryInTheAuditLogNamingTheStaffMember()
    {
        var subject = await app.CreateUserAsync("pa_watched");
        var staff = await app.CreateUserAsync("pa_auditor", UserRole.Staff);
        var browser = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await AccountFlowTests.SignInAsync(browser, "pa_auditor", KindredApp.Password);

        await Html.GetAsync(browser, "/staff/people?tag=volunteer");
        await Html.GetAsync(browser, "/staff/people/pa_watched");
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/staff/people.csv")).StatusCode);

        var entries = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.ActorId == staff.Id)
            .OrderBy(e => e.Id).Select(e => new { e.Action, e.TargetId, e.After }).ToListAsync());
        Assert.Equal([AuditActions.PeopleListView, AuditActions.SupporterView, AuditActions.PeopleExport], entries.Select(e => e.Action));
        Assert.Contains("volunteer", entries[0].After);
        Assert.Equal(subject.Id, entries[1].TargetId);
    }

    [Fact]
    public async Task TheSupporterViewTellsTheRelationshipWithoutSensitiveAidOrOthersMessages()
    {
        var (staffUser, staff) = await app.SignedInAsync("pp_viewer", UserRole.Staff);
        var inviter = await app.CreateUserAsync("pp_inviter");
        var aid = new AidFixtures(app, "pp_");
        var subject = await aid.MemberAsync("subject");
        var friend = await aid.MemberAsync("friend");
        var invitation = new Invitation { Id = Snowflake.NewId(DateTime.UtcNow), Code = "pp-code-1", CreatedById = inviter.Id, Note = "Met at the fair", CreatedAt = DateTime.UtcNow };
        var active = await app.CreateUserAsync("pp_invited_active");
        var quiet = await app.CreateUserAsync("pp_invited_quiet");
        await PeopleCommunity.AddAsync(app, db => db.Invitations.Add(invitation));
        await PeopleCommunity.ShapeAsync(app, subject.Id, u =>
        {
            u.InvitationId = invitation.Id;
            u.InvitedById = inviter.Id;
        });
        await PeopleCommunity.ShapeAsync(app, active.Id, u =>
        {
            u.InvitedById = subject.Id;
            u.LastSignInAt = DateTime.UtcNow.AddDays(-1);
        });
        await PeopleCommunity.ShapeAsync(app, quiet.Id, u =>
        {
            u.InvitedById = subject.Id;
            u.LastSignInAt = DateTime.UtcNow.AddDays(-90);
        });
        await aid.ItemAsync(subject, AidKind.Request);
        await aid.ItemAsync(subject, AidKind.Request, sensitive: true);
        await aid.ItemAsync(subject, AidKind.Offer);
        await app.PostStatusAsync(subject.Token, "Community post PP-PUBLIC", "public");
        await app.PostStatusAsync(subject.Token, $"@{friend.Name} secret PP-PRIVATE", "direct");
        await app.PostStatusAsync(subject.Token, "@pp_viewer a question for staff PP-TOSTAFF", "direct");

        var page = await Html.GetAsync(staff, "/staff/people/" + subject.Name);
        Assert.Contains("Came with an invitation from @pp_inviter", page, StringComparison.Ordinal);
        Assert.Contains("Met at the fair", page, StringComparison.Ordinal);
        Assert.Contains("Invited: 2. Active in the last 30 days: 1.", page, StringComparison.Ordinal);
        // Two requests and an offer were made; the sensitive request is neither shown nor counted.
        Assert.Contains("Requests 1, offers 1, fulfilled 0, answers to others 0.", page, StringComparison.Ordinal);
        Assert.Contains("PP-PUBLIC", page, StringComparison.Ordinal);
        Assert.Contains("PP-TOSTAFF", page, StringComparison.Ordinal);
        Assert.DoesNotContain("PP-PRIVATE", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Someone to fetch my son", page, StringComparison.Ordinal);
        Assert.Contains("Posts to the community: 1; private messages with you: 1.", page, StringComparison.Ordinal);
        _ = staffUser;
    }

    private sealed class RecordingAudit : IPeopleAudit
    {
        public List<string> Calls { get; } = [];

        public Task PeopleListViewedAsync(long staffId, PeopleFilter filter, CancellationToken ct = default)
        {
            lock (Calls)
            {
                Calls.Add($"list {staffId} {filter.Tag}");
            }
            return Task.CompletedTask;
        }

        public Task PeopleExportedAsync(long staffId, PeopleFilter filter, int rows, CancellationToken ct = default)
        {
            lock (Calls)
            {
                Calls.Add($"export {staffId}");
            }
            return Task.CompletedTask;
        }

        public Task SupporterViewedAsync(long staffId, long accountId, CancellationToken ct = default)
        {
            lock (Calls)
            {
                Calls.Add($"supporter {staffId} {accountId}");
            }
            return Task.CompletedTask;
        }
    }
}

public sealed class PeoplePagesSqliteTests(StaffSqliteApp app) : PeoplePagesTests(app), IClassFixture<StaffSqliteApp>;

public sealed class PeoplePagesPostgresTests(StaffPostgresApp app) : PeoplePagesTests(app), IClassFixture<StaffPostgresApp>;
