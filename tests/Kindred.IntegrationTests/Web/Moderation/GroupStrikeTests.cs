using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Audit;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Notifications;
using Kindred.Core.Reports;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Group = Kindred.Data.Entities.Group;

namespace Kindred.IntegrationTests.Web.Moderation;

/// <summary>
/// The console's "remove from a group" strike (ADR 74, update): from the report page a server moderator removes the
/// reported account from one group and bans it there, with the strike, both audit entries and the member's notice; undo
/// lifts the ban without adding the member back; who may do it; and a missing or wrong group changes nothing.
/// </summary>
public abstract partial class GroupStrikeTests(KindredApp app)
{
    private static int users;
    private static int groups;

    private async Task<(User User, HttpClient Browser)> PersonAsync(string prefix, UserRole role = UserRole.Member)
    {
        var name = prefix + Interlocked.Increment(ref users).ToString(CultureInfo.InvariantCulture);
        var user = await app.CreateUserAsync(name, role);
        var browser = app.Browser();
        await Web.Account.AccountFlowTests.SignInAsync(browser, name, KindredApp.Password);
        return (user, browser);
    }

    private async Task<Group> GroupAsync(long ownerId)
    {
        var slug = "gstr-" + Interlocked.Increment(ref groups).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        return await TestGroups.CreateAsync(app, slug, GroupVisibility.Public, ownerId);
    }

    private Task AddAsync(long groupId, long accountId, GroupRole role) =>
        app.WithDbAsync(async db =>
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, AccountId = accountId, Role = role, CreatedAt = DateTime.UtcNow });
            await db.Groups.Where(g => g.Id == groupId).ExecuteUpdateAsync(s => s.SetProperty(g => g.MembersCount, g => g.MembersCount + 1));
            await db.SaveChangesAsync();
        });

    private async Task<Status> GroupPostAsync(long authorId, long groupId, string text)
    {
        var status = await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", Audience.Public)));
        await TestGroups.MoveIntoAsync(app, S(status.Id), groupId);
        return status;
    }

    private Task<Report> ReportAsync(long reporterId, long targetId, params long[] statusIds) =>
        app.WithServicesAsync(s => s.GetRequiredService<ReportService>().CreateAsync(reporterId, new NewReport(targetId, statusIds, "They harass people in the group", ReportCategory.Other, [])));

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string ReportPath(Report report) => "/moderation/reports/" + S(report.Id);

    private static Task<HttpResponseMessage> RemoveAsync(HttpClient moderator, Report report, long? groupId, string text = "You are out of this group.")
    {
        var fields = new Dictionary<string, string> { ["Action"] = "remove_from_group", ["Text"] = text };
        if (groupId is { } id)
        {
            fields["Group"] = S(id);
        }
        return Html.PostFormAsync(moderator, ReportPath(report), "act", fields);
    }

    private Task<bool> IsMemberAsync(long groupId, long accountId) =>
        app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == groupId && m.AccountId == accountId));

    private Task<bool> IsBannedAsync(long groupId, long accountId) =>
        app.WithDbAsync(db => db.GroupBans.AnyAsync(b => b.GroupId == groupId && b.AccountId == accountId));

    private Task<GroupRelationship> JoinAsync(long accountId, long groupId) =>
        app.WithServicesAsync(s => s.GetRequiredService<GroupService>().JoinAsync(accountId, groupId, true));

    private IEnumerable<string> Mails(string address) =>
        Directory.Exists(app.MailDirectory)
            ? Directory.GetFiles(app.MailDirectory, "*.eml").Select(File.ReadAllText).Select(m => m.Replace("=\r\n", "", StringComparison.Ordinal))
                .Where(m => m.Contains(address, StringComparison.Ordinal))
            : [];

    [Fact]
    public async Task AModeratorRemovesAMemberFromAGroupOnTheReportPageAndTheyCannotRejoinUntilUndoLiftsTheBan()
    {
        var (owner, _) = await PersonAsync("gs_owner");
        var group = await GroupAsync(owner.Id);
        var (target, member) = await PersonAsync("gs_target");
        await AddAsync(group.Id, target.Id, GroupRole.Member);
        var (reporter, _) = await PersonAsync("gs_reporter");
        var (moderatorUser, moderator) = await PersonAsync("gs_mod", UserRole.Moderator);
        var post = await GroupPostAsync(target.Id, group.Id, "nobody wants you in here");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);

        var page = await Html.GetAsync(moderator, ReportPath(report));
        Assert.Contains("value=\"remove_from_group\"", page, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{S(group.Id)}\">{group.Name}</option>", page, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await RemoveAsync(moderator, report, group.Id)).StatusCode);
        var strike = Assert.Single(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
        Assert.Equal(StrikeAction.RemoveFromGroup, strike.Action);
        Assert.Equal(group.Id, strike.GroupId);
        Assert.Equal(moderatorUser.Id, strike.ModeratorId);
        Assert.False(await IsMemberAsync(group.Id, target.Id));
        Assert.True(await IsBannedAsync(group.Id, target.Id));
        Assert.Equal(1, (await app.WithDbAsync(db => db.Groups.SingleAsync(g => g.Id == group.Id))).MembersCount);
        Assert.NotNull((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);
        var banned = await Assert.ThrowsAsync<KindredException>(() => JoinAsync(target.Id, group.Id));
        Assert.Equal(ErrorKind.Forbidden, banned.Kind);

        // Both audit entries: the strike on the account and the ban naming the group, by the server's moderator.
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == AuditActions.StrikeAdd && e.TargetId == target.Id && e.ActorId == moderatorUser.Id)));
        var ban = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.GroupBan && e.TargetId == group.Id));
        Assert.Equal(moderatorUser.Id, ban.ActorId);
        Assert.Contains(group.Name, ban.Summary, StringComparison.Ordinal);

        // The member's notice: a notification, a mail naming the group, and their warnings page.
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.AccountId == target.Id && n.Type == NotificationTypes.ModerationWarning)));
        await app.DeliverMailAsync();
        var mail = Assert.Single(Mails(target.Email!), m => m.Contains("Removed from a group by the moderators", StringComparison.Ordinal));
        Assert.Contains(group.Name, mail, StringComparison.Ordinal);
        Assert.Contains("not added back automatically", mail, StringComparison.Ordinal);
        Assert.DoesNotContain("You are out of this group.", mail, StringComparison.Ordinal);
        var warnings = await Html.GetAsync(member, "/settings/warnings");
        Assert.Contains($"Removed from the group {group.Name}", warnings, StringComparison.Ordinal);
        Assert.Contains("You are out of this group.", warnings, StringComparison.Ordinal);
        Assert.DoesNotContain(moderatorUser.UserName!, warnings, StringComparison.Ordinal);

        // Undo lifts the ban, audited naming the group; the member is not added back but may join again.
        var undo = await Html.PostFormAsync(moderator, ReportPath(report), "undo", new Dictionary<string, string> { ["Strike"] = S(strike.Id) });
        Assert.Equal(HttpStatusCode.OK, undo.StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.Strikes.SingleAsync(s => s.Id == strike.Id))).UndoneAt);
        Assert.False(await IsBannedAsync(group.Id, target.Id));
        Assert.False(await IsMemberAsync(group.Id, target.Id));
        var unban = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == AuditActions.GroupUnban && e.TargetId == group.Id));
        Assert.Equal(moderatorUser.Id, unban.ActorId);
        warnings = await Html.GetAsync(member, "/settings/warnings");
        Assert.Contains("Withdrawn by the moderators", warnings, StringComparison.Ordinal);
        Assert.Contains("You may join the group again; you were not added back to it.", warnings, StringComparison.Ordinal);
        Assert.True((await JoinAsync(target.Id, group.Id)).Member);
    }

    [Fact]
    public async Task TheGroupOfAReportedPostIsOfferedAfterTheAuthorLeftItAndTheGroupsStaffCanBeRemovedButNotItsOwner()
    {
        var (owner, _) = await PersonAsync("gs_owner2");
        var left = await GroupAsync(owner.Id);
        var (target, _) = await PersonAsync("gs_staffer");
        var (reporter, _) = await PersonAsync("gs_reporter2");
        var (_, moderator) = await PersonAsync("gs_mod2", UserRole.Moderator);
        await AddAsync(left.Id, target.Id, GroupRole.Member);
        var post = await GroupPostAsync(target.Id, left.Id, "posted then left");
        await app.WithDbAsync(db => db.GroupMemberships.Where(m => m.GroupId == left.Id && m.AccountId == target.Id).ExecuteDeleteAsync());
        var staffed = await GroupAsync(owner.Id);
        await AddAsync(staffed.Id, target.Id, GroupRole.Admin);
        var owned = await GroupAsync(target.Id);

        var report = await ReportAsync(reporter.Id, target.Id, post.Id);
        var page = await Html.GetAsync(moderator, ReportPath(report));
        foreach (var offered in new[] { left, staffed, owned })
        {
            Assert.Contains($"<option value=\"{S(offered.Id)}\">", page, StringComparison.Ordinal);
        }

        // The group's owner stays: a group always has one.
        var refused = await RemoveAsync(moderator, report, owned.Id);
        Assert.Contains("The group&#x27;s owner cannot be removed from their group", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await IsMemberAsync(owned.Id, target.Id));
        Assert.False(await IsBannedAsync(owned.Id, target.Id));
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));

        // The group's admin is removed like anyone else.
        Assert.Equal(HttpStatusCode.OK, (await RemoveAsync(moderator, report, staffed.Id)).StatusCode);
        Assert.False(await IsMemberAsync(staffed.Id, target.Id));
        Assert.True(await IsBannedAsync(staffed.Id, target.Id));

        // The group the reported post is in, though the author left it, on a second report.
        var second = await ReportAsync(reporter.Id, target.Id, post.Id);
        Assert.Equal(HttpStatusCode.OK, (await RemoveAsync(moderator, second, left.Id)).StatusCode);
        Assert.True(await IsBannedAsync(left.Id, target.Id));
        Assert.Equal(2, await app.WithDbAsync(db => db.Strikes.CountAsync(s => s.AccountId == target.Id && s.Action == StrikeAction.RemoveFromGroup)));
    }

    [Fact]
    public async Task OnlyModeratorsAdminsAndTheOwnerRemoveFromAGroupAndNotTheGroupsOwnModerator()
    {
        var (owner, _) = await PersonAsync("gs_owner3");
        var (target, _) = await PersonAsync("gs_target3");
        var (reporter, _) = await PersonAsync("gs_reporter3");
        var (groupModerator, groupModeratorBrowser) = await PersonAsync("gs_groupmod");
        var group = await GroupAsync(owner.Id);
        await AddAsync(group.Id, target.Id, GroupRole.Member);
        await AddAsync(group.Id, groupModerator.Id, GroupRole.Moderator);
        var post = await GroupPostAsync(target.Id, group.Id, "harassing in the group");
        var report = await ReportAsync(reporter.Id, target.Id, post.Id);

        var refused = new Dictionary<string, HttpClient> { ["group moderator"] = groupModeratorBrowser };
        foreach (var role in new[] { UserRole.Member, UserRole.Staff })
        {
            refused[role.ToString()] = (await PersonAsync("gs_no_" + role.ToString().ToLowerInvariant(), role)).Browser;
        }
        foreach (var (who, browser) in refused)
        {
            var response = await browser.GetAsync(ReportPath(report));
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{who}: {(int)response.StatusCode}");
            Assert.DoesNotContain("remove_from_group", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var token = TokenPattern().Match(await Html.GetAsync(browser, "/settings/profile")).Groups[1].Value;
            var forged = await browser.PostAsync(ReportPath(report), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
                ["_handler"] = "act",
                ["Action"] = "remove_from_group",
                ["Group"] = S(group.Id),
            }));
            Assert.True((int)forged.StatusCode >= 300, $"{who}: {(int)forged.StatusCode}");
        }
        Assert.True(await IsMemberAsync(group.Id, target.Id));
        Assert.False(await IsBannedAsync(group.Id, target.Id));
        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
        Assert.Null((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);

        // Moderators, admins and the owner each remove the account from a group of its own, on a report of their own.
        foreach (var role in new[] { UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            var (_, browser) = await PersonAsync("gs_yes_" + role.ToString().ToLowerInvariant(), role);
            var own = await GroupAsync(owner.Id);
            await AddAsync(own.Id, target.Id, GroupRole.Member);
            var ownReport = await ReportAsync(reporter.Id, target.Id);
            Assert.Equal(HttpStatusCode.OK, (await RemoveAsync(browser, ownReport, own.Id)).StatusCode);
            Assert.False(await IsMemberAsync(own.Id, target.Id), role.ToString());
            Assert.True(await IsBannedAsync(own.Id, target.Id), role.ToString());
        }
        Assert.Equal(3, await app.WithDbAsync(db => db.Strikes.CountAsync(s => s.AccountId == target.Id && s.Action == StrikeAction.RemoveFromGroup)));
        Assert.True(await IsMemberAsync(group.Id, target.Id));
    }

    [Fact]
    public async Task RemovingWithNoGroupAnUnknownGroupOrAGroupTheAccountIsNotInIsRefusedWithAMessageAndChangesNothing()
    {
        var (owner, _) = await PersonAsync("gs_owner4");
        var (target, _) = await PersonAsync("gs_target4");
        var (reporter, _) = await PersonAsync("gs_reporter4");
        var (_, moderator) = await PersonAsync("gs_mod4", UserRole.Moderator);
        var group = await GroupAsync(owner.Id);
        var elsewhere = await GroupAsync(owner.Id);
        await AddAsync(group.Id, target.Id, GroupRole.Member);
        var report = await ReportAsync(reporter.Id, target.Id);

        var cases = new (long? Group, string Message)[]
        {
            (null, "Choose the group to remove the account from."),
            (987_654_321_012_345, "Choose a group the account is in or posted the reported posts in."),
            (elsewhere.Id, "Choose a group the account is in or posted the reported posts in."),
        };
        foreach (var (groupId, message) in cases)
        {
            var response = await RemoveAsync(moderator, report, groupId);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var garbage = await Html.PostFormAsync(moderator, ReportPath(report), "act", new Dictionary<string, string> { ["Action"] = "remove_from_group", ["Group"] = "not-a-number" });
        Assert.True(garbage.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)garbage.StatusCode}");

        Assert.Empty(await app.WithDbAsync(db => db.Strikes.Where(s => s.AccountId == target.Id).ToListAsync()));
        Assert.Null((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);
        Assert.True(await IsMemberAsync(group.Id, target.Id));
        Assert.False(await app.WithDbAsync(db => db.GroupBans.AnyAsync(b => b.AccountId == target.Id)));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.TargetId == target.Id || e.TargetId == group.Id || e.TargetId == elsewhere.Id)));
        Assert.False(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.AccountId == target.Id && n.Type == NotificationTypes.ModerationWarning)));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class GroupStrikeSqliteTests(SqliteApp app) : GroupStrikeTests(app), IClassFixture<SqliteApp>;

public sealed class GroupStrikePostgresTests(PostgresApp app) : GroupStrikeTests(app), IClassFixture<PostgresApp>;
