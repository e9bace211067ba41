using System.Net;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Core.Organizations;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Kindred.IntegrationTests.Web.Account;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Organizations;

/// <summary>Retention settings (ADR 70): admins set them on /admin/retention; the hourly cleanup removes only what is
/// older than its setting; audit records are kept at least a year.</summary>
public abstract class RetentionTests(KindredApp app)
{
    private Task<int> CleanupAsync() =>
        app.WithServicesAsync(s => ActivatorUtilities.CreateInstance<JobCleanupJob>(s).RunAsync(null!, CancellationToken.None));

    private async Task<HttpClient> SignedInAsync(string name, UserRole role)
    {
        await app.CreateUserAsync(name, role);
        var browser = app.Browser();
        await AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);
        return browser;
    }

    private Task<Retention> CurrentAsync() => app.WithServicesAsync(s => s.GetRequiredService<RetentionService>().GetAsync());

    [Fact]
    public async Task TheCleanupRemovesOnlyWhatIsOlderThanItsSetting()
    {
        var admin = await app.CreateUserAsync("rt_admin", UserRole.Admin);
        await app.WithServicesAsync(s => s.GetRequiredService<RetentionService>().UpdateAsync(admin.Id, new Retention(30, 60, 7, 400, 90)));
        var oldSignUp = await app.CreateUserAsync("rt_old_signup");
        var newSignUp = await app.CreateUserAsync("rt_new_signup");
        var aid = new AidFixtures(app, "rt_");
        var owner = await aid.MemberAsync("o");
        var helper = await aid.MemberAsync("h");
        var oldItem = await aid.ItemAsync(owner);
        var newItem = await aid.ItemAsync(owner);
        var openItem = await aid.ItemAsync(owner);
        var oldResponse = long.Parse(await aid.AnsweredAsync(helper, oldItem.Id), System.Globalization.CultureInfo.InvariantCulture);
        var newResponse = long.Parse(await aid.AnsweredAsync(helper, newItem.Id), System.Globalization.CultureInfo.InvariantCulture);
        var openResponse = long.Parse(await aid.AnsweredAsync(helper, openItem.Id), System.Globalization.CultureInfo.InvariantCulture);
        var now = DateTime.UtcNow;
        long oldNote = 0, newNote = 0, oldAudit = 0, newAudit = 0;
        await app.WithDbAsync(async db =>
        {
            await db.AidItems.Where(i => i.Id == oldItem.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, AidItemState.Fulfilled).SetProperty(i => i.EndedAt, now.AddDays(-31)));
            await db.AidItems.Where(i => i.Id == newItem.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.State, AidItemState.Closed).SetProperty(i => i.EndedAt, now.AddDays(-29)));
            oldNote = Snowflake.NewId(now);
            newNote = oldNote + 1;
            db.AidEscalations.Add(new AidEscalation { Id = oldNote, ResponseId = openResponse, RaisedById = owner.Id, Reason = "r", CreatedAt = now.AddDays(-90), ReviewedById = helper.Id, ReviewedAt = now.AddDays(-61), Resumed = true, ReviewNote = "Spoke to both" });
            db.AidEscalations.Add(new AidEscalation { Id = newNote, ResponseId = openResponse, RaisedById = owner.Id, Reason = "r", CreatedAt = now.AddDays(-90), ReviewedById = helper.Id, ReviewedAt = now.AddDays(-59), Resumed = true, ReviewNote = "Checked in again" });
            // "I feel unsafe" about a person (ADR 75): its review note follows the same setting.
            db.SafetyEscalations.Add(new SafetyEscalation { Id = oldNote, RaisedById = owner.Id, AccountId = helper.Id, Reason = "r", CreatedAt = now.AddDays(-90), ReviewedById = helper.Id, ReviewedAt = now.AddDays(-61), Decision = SafetyDecision.Resolved, ReviewNote = "Old safety note" });
            db.SafetyEscalations.Add(new SafetyEscalation { Id = newNote, RaisedById = owner.Id, AccountId = helper.Id, Reason = "r", CreatedAt = now.AddDays(-90), ReviewedById = helper.Id, ReviewedAt = now.AddDays(-59), Decision = SafetyDecision.Resolved, ReviewNote = "New safety note" });
            oldAudit = Snowflake.NewId(now.AddDays(-401));
            newAudit = Snowflake.NewId(now.AddDays(-399));
            db.AuditEntries.Add(new AuditEntry { Id = oldAudit, At = now.AddDays(-401), Action = "test.old", Summary = "old" });
            db.AuditEntries.Add(new AuditEntry { Id = newAudit, At = now.AddDays(-399), Action = "test.new", Summary = "new" });
            await db.SaveChangesAsync();
            await db.Users.Where(u => u.Id == oldSignUp.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SignUpIp, "198.51.100.7").SetProperty(u => u.CreatedAt, now.AddDays(-91)));
            await db.Users.Where(u => u.Id == newSignUp.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.SignUpIp, "198.51.100.8").SetProperty(u => u.CreatedAt, now.AddDays(-89)));
        });

        await CleanupAsync();
        await CleanupAsync();

        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.AidMessages.AnyAsync(m => m.ResponseId == oldResponse));
            Assert.True(await db.AidMessages.AnyAsync(m => m.ResponseId == newResponse));
            Assert.True(await db.AidMessages.AnyAsync(m => m.ResponseId == openResponse));
            Assert.Equal("", await db.AidEscalations.Where(e => e.Id == oldNote).Select(e => e.ReviewNote).SingleAsync());
            Assert.Equal("Checked in again", await db.AidEscalations.Where(e => e.Id == newNote).Select(e => e.ReviewNote).SingleAsync());
            Assert.Equal("", await db.SafetyEscalations.Where(e => e.Id == oldNote).Select(e => e.ReviewNote).SingleAsync());
            Assert.Equal("New safety note", await db.SafetyEscalations.Where(e => e.Id == newNote).Select(e => e.ReviewNote).SingleAsync());
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Id == oldAudit));
            Assert.True(await db.AuditEntries.AnyAsync(e => e.Id == newAudit));
            // The address an account signed up from goes after its retention (ADR 73); the account stays.
            Assert.Null(await db.Users.Where(u => u.Id == oldSignUp.Id).Select(u => u.SignUpIp).SingleAsync());
            Assert.Equal("198.51.100.8", await db.Users.Where(u => u.Id == newSignUp.Id).Select(u => u.SignUpIp).SingleAsync());
            // The change of the settings is itself in the audit log.
            Assert.True(await db.AuditEntries.AnyAsync(e => e.ActorId == admin.Id && e.Action == "organization.retention_update"));
        });
    }

    [Fact]
    public async Task OnlyAdminsAndTheOwnerSeeAndChangeTheSettings()
    {
        foreach (var (name, role) in new[] { ("rt_member", UserRole.Member), ("rt_staff", UserRole.Staff), ("rt_moderator", UserRole.Moderator) })
        {
            var browser = await SignedInAsync(name, role);
            var refused = await browser.GetAsync("/admin/retention");
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Contains("/account/denied", Html.Location(refused), StringComparison.Ordinal);
            var actor = await app.WithDbAsync(db => db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync());
            var error = await Assert.ThrowsAsync<KindredException>(() => app.WithServicesAsync(s => s.GetRequiredService<RetentionService>().UpdateAsync(actor, new Retention(1, 1, 1, 365))));
            Assert.Equal(ErrorKind.Forbidden, error.Kind);
        }
        var anonymous = await app.Browser().GetAsync("/admin/retention");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Contains("/account/sign-in", Html.Location(anonymous), StringComparison.Ordinal);
        var current = await CurrentAsync();

        var owner = app.Browser();
        await AccountFlowTests.SignInAsync(owner, "owner", KindredApp.OwnerPassword);
        foreach (var browser in new[] { await SignedInAsync("rt_admin2", UserRole.Admin), owner })
        {
            var page = await Html.GetAsync(browser, "/admin/retention");
            Assert.Contains($"value=\"{current.AuditDays}\"", page, StringComparison.Ordinal);
        }
        var saved = await Html.PostFormAsync(owner, "/admin/retention", "retention", new Dictionary<string, string>
        {
            ["Input.AidConversationDays"] = "90",
            ["Input.EscalationNoteDays"] = "180",
            ["Input.ExportDays"] = "3",
            ["Input.AuditDays"] = "500",
            ["Input.SignUpIpDays"] = "200",
        });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Saved.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(new Retention(90, 180, 3, 500, 200), await CurrentAsync());
    }

    [Theory]
    [InlineData("364", "Audit records: between 365")]
    [InlineData("soon", "Enter a number of days.")]
    [InlineData("-5", "Enter a number of days.")]
    [InlineData("99999", "Audit records: between 365")]
    public async Task BadValuesAreRefusedBesideTheFieldAndChangeNothing(string auditDays, string message)
    {
        var before = await CurrentAsync();
        var owner = app.Browser();
        await AccountFlowTests.SignInAsync(owner, "owner", KindredApp.OwnerPassword);
        var refused = await Html.PostFormAsync(owner, "/admin/retention", "retention", new Dictionary<string, string>
        {
            ["Input.AidConversationDays"] = "10",
            ["Input.EscalationNoteDays"] = "10",
            ["Input.ExportDays"] = "10",
            ["Input.AuditDays"] = auditDays,
            ["Input.SignUpIpDays"] = "10",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.Contains("aria-invalid=\"true\"", page, StringComparison.Ordinal);
        Assert.Equal(before, await CurrentAsync());
    }
}

public sealed class RetentionSqliteTests(SqliteApp app) : RetentionTests(app), IClassFixture<SqliteApp>;

public sealed class RetentionPostgresTests(PostgresApp app) : RetentionTests(app), IClassFixture<PostgresApp>;
