using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Kindred.Core.Audit;
using Kindred.Core.Groups;
using Kindred.Core.Reports;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Group = Kindred.Data.Entities.Group;

namespace Kindred.IntegrationTests.Web.Groups;

/// <summary>
/// Group moderation (ADR 74): every action audited naming the group, the group's own moderation log, the group's
/// report queue over the same reports as the server's console, its actions and their undo, and who may do any of it.
/// </summary>
public abstract partial class GroupModerationTests(KindredApp app)
{
    private static int users;
    private static int groups;

    private sealed record Cast(Group Group, User Owner, User Admin, User Moderator, User Member, Dictionary<string, HttpClient> Browsers);

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
        var slug = "gmod-" + Interlocked.Increment(ref groups).ToString(CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6];
        return await TestGroups.CreateAsync(app, slug, GroupVisibility.Public, ownerId);
    }

    private Task AddAsync(long groupId, long accountId, GroupRole role) =>
        app.WithDbAsync(async db =>
        {
            db.GroupMemberships.Add(new GroupMembership { GroupId = groupId, AccountId = accountId, Role = role, CreatedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });

    /// <summary>A group with an owner, an admin, a moderator and a member, each signed in.</summary>
    private async Task<Cast> CastAsync(string prefix)
    {
        var (owner, ownerBrowser) = await PersonAsync(prefix + "own");
        var group = await GroupAsync(owner.Id);
        var (admin, adminBrowser) = await PersonAsync(prefix + "adm");
        var (moderator, moderatorBrowser) = await PersonAsync(prefix + "mod");
        var (member, memberBrowser) = await PersonAsync(prefix + "mem");
        await AddAsync(group.Id, admin.Id, GroupRole.Admin);
        await AddAsync(group.Id, moderator.Id, GroupRole.Moderator);
        await AddAsync(group.Id, member.Id, GroupRole.Member);
        return new Cast(group, owner, admin, moderator, member, new()
        {
            ["owner"] = ownerBrowser,
            ["admin"] = adminBrowser,
            ["moderator"] = moderatorBrowser,
            ["member"] = memberBrowser,
        });
    }

    private async Task<Status> GroupPostAsync(long authorId, long groupId, string text)
    {
        var status = await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(authorId, new NewStatus(text, "http://localhost", Audience.Public)));
        await TestGroups.MoveIntoAsync(app, S(status.Id), groupId);
        return status;
    }

    private Task<Report> ReportAsync(long reporterId, long targetId, params long[] statusIds) =>
        app.WithServicesAsync(s => s.GetRequiredService<ReportService>().CreateAsync(reporterId, new NewReport(targetId, statusIds, "Private words for the server", ReportCategory.Spam, [])));

    private Task<T> GroupsAsync<T>(Func<GroupService, Task<T>> action) => app.WithServicesAsync(s => action(s.GetRequiredService<GroupService>()));

    private Task<List<AuditEntry>> GroupEntriesAsync(long groupId) =>
        app.WithDbAsync(db => db.AuditEntries.Where(e => e.TargetKind == "group" && e.TargetId == groupId).OrderBy(e => e.Id).ToListAsync());

    private static string S(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Queue(Group group) => $"/groups/{group.Slug}/admin/reports";

    private static Task<HttpResponseMessage> DoAsync(HttpClient browser, Group group, string what) =>
        Html.PostFormAsync(browser, Queue(group), "group-reports", new Dictionary<string, string> { ["Do"] = what });

    /// <summary>Posts to a page the browser may not see, with a valid antiforgery token from one it may.</summary>
    private static async Task<HttpResponseMessage> ForgeAsync(HttpClient browser, string url, string formName, string field, string value)
    {
        var token = TokenPattern().Match(await Html.GetAsync(browser, "/settings/profile")).Groups[1].Value;
        return await browser.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["_handler"] = formName,
            [field] = value,
        }));
    }

    [Fact]
    public async Task EveryGroupModerationActionIsAuditedNamingTheGroupInTheSameSave()
    {
        var cast = await CastAsync("ga_");
        var groupId = cast.Group.Id;
        var (asker, _) = await PersonAsync("ga_ask");
        var (refused, _) = await PersonAsync("ga_ref");
        var (kicked, _) = await PersonAsync("ga_kick");
        await AddAsync(groupId, kicked.Id, GroupRole.Member);
        await app.WithDbAsync(async db =>
        {
            var group = await db.Groups.SingleAsync(g => g.Id == groupId);
            group.JoinPolicy = GroupJoinPolicy.Approval;
            await db.SaveChangesAsync();
        });
        await GroupsAsync(g => g.JoinAsync(asker.Id, groupId, true));
        await GroupsAsync(g => g.JoinAsync(refused.Id, groupId, true));
        var post = await GroupPostAsync(cast.Member.Id, groupId, "A post to pin and remove");

        var moderatorId = cast.Moderator.Id;
        await GroupsAsync(g => g.AuthorizeRequestAsync(moderatorId, groupId, asker.Id));
        await GroupsAsync(g => g.RejectRequestAsync(moderatorId, groupId, refused.Id));
        await GroupsAsync(g => g.PinStatusAsync(moderatorId, groupId, post.Id));
        await GroupsAsync(g => g.UnpinStatusAsync(moderatorId, groupId, post.Id));
        await GroupsAsync(g => g.RemoveStatusAsync(moderatorId, groupId, post.Id));
        await GroupsAsync(g => g.RestoreStatusAsync(moderatorId, groupId, post.Id));
        await GroupsAsync(async g => { await g.KickAsync(moderatorId, groupId, kicked.Id); return 0; });
        await GroupsAsync(async g => { await g.BanAsync(moderatorId, groupId, kicked.Id, "Spam again"); return 0; });
        await GroupsAsync(async g => { await g.BanAsync(moderatorId, groupId, kicked.Id, "Spam again"); return 0; });
        await GroupsAsync(async g => { await g.UnbanAsync(moderatorId, groupId, kicked.Id); return 0; });
        await GroupsAsync(g => g.SetRoleAsync(cast.Admin.Id, groupId, [cast.Member.Id], GroupRole.Moderator));
        await GroupsAsync(async g => { await g.TransferOwnershipAsync(cast.Owner.Id, groupId, cast.Admin.Id); return 0; });

        var entries = await GroupEntriesAsync(groupId);
        Assert.Equal(
            [
                AuditActions.GroupRequestApprove, AuditActions.GroupRequestReject, AuditActions.GroupPin, AuditActions.GroupUnpin,
                AuditActions.GroupRemovePost, AuditActions.GroupRestorePost, AuditActions.GroupKick, AuditActions.GroupBan, AuditActions.GroupUnban,
                AuditActions.GroupRoleChange, AuditActions.GroupTransfer,
            ],
            entries.Select(e => e.Action).ToList());
        Assert.All(entries.Take(9), e => Assert.Equal(moderatorId, e.ActorId));
        Assert.Contains(entries, e => e.Action == AuditActions.GroupBan && e.Summary.Contains("@" + kicked.UserName, StringComparison.Ordinal) && e.After!.Contains("Spam again", StringComparison.Ordinal));
        Assert.Contains(entries, e => e.Action == AuditActions.GroupRemovePost && e.After == GroupService.PostValue(post.Id));
        var role = Assert.Single(entries, e => e.Action == AuditActions.GroupRoleChange);
        Assert.Equal(("member", "moderator"), (role.Before, role.After));
        Assert.Null((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).DeletedAt);
    }

    [Fact]
    public async Task TheServerAdminFiltersTheAuditLogByGroupAndABadGroupIsAMessage()
    {
        var cast = await CastAsync("gf_");
        var other = await CastAsync("gfo_");
        await GroupsAsync(async g => { await g.KickAsync(cast.Moderator.Id, cast.Group.Id, cast.Member.Id); return 0; });
        await GroupsAsync(async g => { await g.KickAsync(other.Moderator.Id, other.Group.Id, other.Member.Id); return 0; });
        var (_, admin) = await PersonAsync("gf_admin", UserRole.Admin);

        var page = await Html.GetAsync(admin, "/admin/audit?group=" + cast.Group.Slug);
        Assert.Contains("@" + cast.Member.UserName, page, StringComparison.Ordinal);
        Assert.DoesNotContain("@" + other.Member.UserName, page, StringComparison.Ordinal);
        var bad = await Html.GetAsync(admin, "/admin/audit?group=no-such-group-here");
        Assert.Contains("There is no group at the address", bad, StringComparison.Ordinal);

        var (_, moderator) = await PersonAsync("gf_smod", UserRole.Moderator);
        Assert.NotEqual(HttpStatusCode.OK, (await moderator.GetAsync("/admin/audit?group=" + cast.Group.Slug)).StatusCode);
    }

    [Fact]
    public async Task OnlyTheGroupsOwnModeratorsReadItsModerationLog()
    {
        var cast = await CastAsync("gl_");
        await GroupsAsync(async g => { await g.BanAsync(cast.Moderator.Id, cast.Group.Id, cast.Member.Id, null); return 0; });
        var path = $"/groups/{cast.Group.Slug}/admin/log";
        var marker = "@" + cast.Member.UserName;

        foreach (var who in new[] { "owner", "admin", "moderator" })
        {
            var page = await Html.GetAsync(cast.Browsers[who], path);
            Assert.Contains(marker, page, StringComparison.Ordinal);
            Assert.Contains(AuditActions.GroupBan, page, StringComparison.Ordinal);
        }
        var other = await CastAsync("glo_");
        var (plain, plainBrowser) = await PersonAsync("gl_plain");
        await AddAsync(cast.Group.Id, plain.Id, GroupRole.Member);
        var outsiders = new List<(string Name, HttpClient Browser)> { ("member", plainBrowser), ("other group's moderator", other.Browsers["moderator"]) };
        foreach (var role in new[] { UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            outsiders.Add(("server " + role, (await PersonAsync("gl_s" + role.ToString().ToLowerInvariant(), role)).Browser));
        }
        foreach (var (name, browser) in outsiders)
        {
            var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode}");
            Assert.DoesNotContain(marker, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.StartsWith("/account/sign-in", Html.Location(await app.Browser().GetAsync(path)), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Api(await app.AppTokenAsync()).GetAsync(path)).StatusCode);
        await Html.GetAsync(cast.Browsers["moderator"], path + "?before=abc");
    }

    [Fact]
    public async Task TheGroupQueueShowsOnlyItsGroupsReportsAndNeverTheReporterWhileTheConsoleShowsThemAll()
    {
        var cast = await CastAsync("gq_");
        var other = await CastAsync("gqo_");
        var (reporter, _) = await PersonAsync("gq_rep");
        var here = await GroupPostAsync(cast.Member.Id, cast.Group.Id, "Buy cheap watches here");
        var there = await GroupPostAsync(other.Member.Id, other.Group.Id, "Buy cheap shoes there");
        var outside = await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(cast.Member.Id, new NewStatus("Buy cheap hats nowhere", "http://localhost", Audience.Public)));
        var mine = await ReportAsync(reporter.Id, cast.Member.Id, here.Id);
        await ReportAsync(reporter.Id, other.Member.Id, there.Id);
        await ReportAsync(reporter.Id, cast.Member.Id, outside.Id);
        // A report about one of the group's moderators is for the server's moderators and those above them only.
        var aboutModerator = await GroupPostAsync(cast.Moderator.Id, cast.Group.Id, "Words of the moderator");
        await ReportAsync(reporter.Id, cast.Moderator.Id, aboutModerator.Id);

        var page = await Html.GetAsync(cast.Browsers["moderator"], Queue(cast.Group));
        Assert.Contains("Buy cheap watches here", page, StringComparison.Ordinal);
        Assert.Contains($"id=\"report-{S(mine.Id)}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Buy cheap shoes there", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Buy cheap hats nowhere", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Words of the moderator", page, StringComparison.Ordinal);
        Assert.DoesNotContain(reporter.UserName!, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Private words for the server", page, StringComparison.Ordinal);
        Assert.Contains("Words of the moderator", await Html.GetAsync(cast.Browsers["admin"], Queue(cast.Group)), StringComparison.Ordinal);

        var (_, serverModerator) = await PersonAsync("gq_smod", UserRole.Moderator);
        var console = await Html.GetAsync(serverModerator, "/moderation");
        Assert.Contains($"/moderation/reports/{S(mine.Id)}", console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheGroupsModeratorsRemoveRestoreBanUnbanAndDismissFromTheQueueAndTheConsoleSeesTheDecision()
    {
        var cast = await CastAsync("gd_");
        var (reporter, _) = await PersonAsync("gd_rep");
        var post = await GroupPostAsync(cast.Member.Id, cast.Group.Id, "Rude words in the group");
        var report = await ReportAsync(reporter.Id, cast.Member.Id, post.Id);
        var browser = cast.Browsers["moderator"];

        Assert.Equal(HttpStatusCode.OK, (await DoAsync(browser, cast.Group, "remove:" + S(post.Id))).StatusCode);
        Assert.NotNull((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).DeletedAt);
        Assert.Contains("Restore the post", await Html.GetAsync(browser, Queue(cast.Group)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await DoAsync(browser, cast.Group, "restore:" + S(post.Id))).StatusCode);
        Assert.Null((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).DeletedAt);

        Assert.Equal(HttpStatusCode.OK, (await DoAsync(browser, cast.Group, "ban:" + S(cast.Member.Id))).StatusCode);
        Assert.True(await app.WithDbAsync(db => db.GroupBans.AnyAsync(b => b.GroupId == cast.Group.Id && b.AccountId == cast.Member.Id)));
        Assert.False(await app.WithDbAsync(db => db.GroupMemberships.AnyAsync(m => m.GroupId == cast.Group.Id && m.AccountId == cast.Member.Id)));
        Assert.Equal(HttpStatusCode.OK, (await DoAsync(browser, cast.Group, "unban:" + S(cast.Member.Id))).StatusCode);
        Assert.False(await app.WithDbAsync(db => db.GroupBans.AnyAsync(b => b.GroupId == cast.Group.Id && b.AccountId == cast.Member.Id)));

        // Bad input is a message and changes nothing.
        var bad = await DoAsync(browser, cast.Group, "explode:12");
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("Choose an action from the list.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await DoAsync(browser, cast.Group, "dismiss:" + S(report.Id))).StatusCode);
        var decided = await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id));
        Assert.Equal(cast.Moderator.Id, decided.ActionTakenByAccountId);
        Assert.DoesNotContain("Rude words in the group", await Html.GetAsync(browser, Queue(cast.Group)), StringComparison.Ordinal);
        var (_, serverModerator) = await PersonAsync("gd_smod", UserRole.Moderator);
        Assert.Contains("@" + cast.Moderator.UserName, await Html.GetAsync(serverModerator, "/moderation/reports/" + S(report.Id)), StringComparison.Ordinal);

        Assert.Equal(
            [AuditActions.GroupRemovePost, AuditActions.GroupRestorePost, AuditActions.GroupBan, AuditActions.GroupUnban, AuditActions.GroupReportDismiss],
            (await GroupEntriesAsync(cast.Group.Id)).Select(e => e.Action).ToList());
    }

    [Fact]
    public async Task AGroupCannotDismissAReportThatAlsoConcernsPostsElsewhereNorRestoreAPostItDidNotRemove()
    {
        var cast = await CastAsync("gx_");
        var (reporter, _) = await PersonAsync("gx_rep");
        var inside = await GroupPostAsync(cast.Member.Id, cast.Group.Id, "Inside the group");
        var outside = await app.WithServicesAsync(s => s.GetRequiredService<StatusService>().CreateAsync(cast.Member.Id, new NewStatus("Outside the group", "http://localhost", Audience.Public)));
        var report = await ReportAsync(reporter.Id, cast.Member.Id, inside.Id, outside.Id);
        var browser = cast.Browsers["moderator"];

        var page = await Html.GetAsync(browser, Queue(cast.Group));
        Assert.Contains("Inside the group", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Outside the group", page, StringComparison.Ordinal);
        Assert.DoesNotContain("dismiss:", page, StringComparison.Ordinal);
        await DoAsync(browser, cast.Group, "dismiss:" + S(report.Id));
        Assert.Null((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);

        // The author deleted their own post: it is not the group's to bring back.
        var token = await app.TokenAsync(cast.Member.UserName!);
        Assert.Equal(HttpStatusCode.OK, (await app.Api(token).DeleteAsync("/api/v1/statuses/" + S(inside.Id))).StatusCode);
        var refused = await DoAsync(browser, cast.Group, "restore:" + S(inside.Id));
        Assert.Contains("Only a post the group&#x27;s moderators removed can be restored here.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotNull((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == inside.Id))).DeletedAt);
    }

    [Fact]
    public async Task NobodyButTheGroupsModeratorsReadsOrActsOnItsQueue()
    {
        var cast = await CastAsync("gm_");
        var (reporter, _) = await PersonAsync("gm_rep");
        var post = await GroupPostAsync(cast.Member.Id, cast.Group.Id, "Reported in the matrix");
        var report = await ReportAsync(reporter.Id, cast.Member.Id, post.Id);
        var path = Queue(cast.Group);

        foreach (var who in new[] { "owner", "admin", "moderator" })
        {
            Assert.Contains("Reported in the matrix", await Html.GetAsync(cast.Browsers[who], path), StringComparison.Ordinal);
        }
        var other = await CastAsync("gmo_");
        var outsiders = new List<(string Name, HttpClient Browser)> { ("member", cast.Browsers["member"]), ("other group's moderator", other.Browsers["moderator"]) };
        foreach (var role in new[] { UserRole.Moderator, UserRole.Admin, UserRole.Owner })
        {
            outsiders.Add(("server " + role, (await PersonAsync("gm_s" + role.ToString().ToLowerInvariant(), role)).Browser));
        }
        foreach (var (name, browser) in outsiders)
        {
            var response = await browser.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{name}: {(int)response.StatusCode}");
            Assert.DoesNotContain("Reported in the matrix", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            foreach (var what in new[] { "remove:" + S(post.Id), "ban:" + S(cast.Member.Id), "dismiss:" + S(report.Id) })
            {
                await ForgeAsync(browser, path, "group-reports", "Do", what);
            }
        }
        Assert.StartsWith("/account/sign-in", Html.Location(await app.Browser().GetAsync(path)), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Api(await app.AppTokenAsync()).GetAsync(path)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.Api(await app.TokenAsync(cast.Moderator.UserName!)).GetAsync(path)).StatusCode);

        Assert.Null((await app.WithDbAsync(db => db.Statuses.SingleAsync(s => s.Id == post.Id))).DeletedAt);
        Assert.False(await app.WithDbAsync(db => db.GroupBans.AnyAsync(b => b.GroupId == cast.Group.Id)));
        Assert.Null((await app.WithDbAsync(db => db.Reports.SingleAsync(r => r.Id == report.Id))).ActionTakenAt);
        Assert.Empty(await GroupEntriesAsync(cast.Group.Id));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public sealed class GroupModerationSqliteTests(SqliteApp app) : GroupModerationTests(app), IClassFixture<SqliteApp>;

public sealed class GroupModerationPostgresTests(PostgresApp app) : GroupModerationTests(app), IClassFixture<PostgresApp>;
