using System.Globalization;
using System.Net;
using Kindred.Core.Groups;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Web.Groups;

/// <summary>The group pages and the join flows, posted like a browser without JavaScript.</summary>
public abstract class GroupPagesTests(KindredApp app)
{
    private int nextAddress;

    internal async Task<HttpClient> SignedInAsync(string username)
    {
        // Each member signs in from their own address, so the sign-in rate limit never counts them together.
        var browser = app.Browser($"10.77.{Interlocked.Increment(ref nextAddress) / 250}.{nextAddress % 250 + 1}");
        await Web.Account.AccountFlowTests.SignInAsync(browser, username, KindredApp.Password);
        return browser;
    }

    internal Task<T> Service<T>(Func<GroupService, Task<T>> action) => app.WithServicesAsync(s => action(s.GetRequiredService<GroupService>()));

    internal Task<Group> CreateAsync(long owner, string name, GroupVisibility visibility = GroupVisibility.Public, GroupJoinPolicy policy = GroupJoinPolicy.Open, string rules = "", IReadOnlyList<string>? questions = null) =>
        Service(s => s.CreateAsync(owner, new GroupInput { Name = name, Description = "We grow vegetables together.", Visibility = visibility, JoinPolicy = policy, Rules = rules, Questions = questions }));

    internal Task<GroupRelationship> RelationshipAsync(long groupId, long accountId) =>
        app.WithDbAsync(async db => (await GroupQueries.RelationshipsAsync(db, accountId, [groupId], default))[0]);

    internal static async Task<string> PostAsync(HttpClient browser, string url, string form, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK, string? postUrl = null)
    {
        var response = await Html.PostFormAsync(browser, url, form, fields, postUrl);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {Html.Snippet(body)}");
        return expected == HttpStatusCode.Redirect ? Html.Location(response) : body;
    }

    internal static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task AnApprovalGroupTakesAnswersShowsThePendingRequestAndItsModeratorsDecide()
    {
        var owner = await app.CreateUserAsync("wg_appr_owner");
        var asker = await app.CreateUserAsync("wg_appr_asker");
        var other = await app.CreateUserAsync("wg_appr_other");
        var group = await CreateAsync(owner.Id, "Allotment Share", policy: GroupJoinPolicy.Approval, rules: "No pesticides.", questions: ["Do you have tools?", "Which days suit you?"]);
        var path = "/groups/" + group.Slug;

        var browser = await SignedInAsync("wg_appr_asker");
        Assert.Contains("Ask to join", await Html.GetAsync(browser, path), StringComparison.Ordinal);
        var join = await Html.GetAsync(browser, path + "/join");
        Assert.Contains("Do you have tools?", join, StringComparison.Ordinal);
        Assert.Contains("Which days suit you?", join, StringComparison.Ordinal);
        Assert.Contains("No pesticides.", join, StringComparison.Ordinal);

        // An answer over the limit is an error beside the form, and no request is filed.
        var tooLong = await PostAsync(browser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "true", ["Input.Answer1"] = new string('a', GroupRules.MaxAnswer + 1) });
        Assert.Contains("An answer is too long", tooLong, StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, asker.Id)).Requested);

        Assert.Equal(path, await PostAsync(browser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "true", ["Input.Answer1"] = "A spade and a fork", ["Input.Answer2"] = "Saturdays" }, HttpStatusCode.Redirect));
        var pending = await Html.GetAsync(browser, path);
        Assert.Contains("Your request to join is waiting for the group", pending, StringComparison.Ordinal);
        Assert.Contains("Cancel my request", pending, StringComparison.Ordinal);
        Assert.True((await RelationshipAsync(group.Id, asker.Id)).Requested);

        // Someone else asks, then cancels.
        var otherBrowser = await SignedInAsync("wg_appr_other");
        await PostAsync(otherBrowser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "true" }, HttpStatusCode.Redirect);
        Assert.Contains("Your request has been withdrawn.", await PostAsync(otherBrowser, path, "group-leave", new() { ["Leave"] = "yes" }), StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, other.Id)).Requested);

        // The queue shows each answer under its question; accepting makes a member.
        var ownerBrowser = await SignedInAsync("wg_appr_owner");
        var queue = await Html.GetAsync(ownerBrowser, path + "/admin/requests");
        Assert.Contains("Requests to join (1)", queue, StringComparison.Ordinal);
        Assert.Contains("A spade and a fork", queue, StringComparison.Ordinal);
        Assert.Contains("Saturdays", queue, StringComparison.Ordinal);
        // The owner heard of the request, with a link to the queue (until it is decided).
        var heard = await Html.GetAsync(ownerBrowser, "/notifications");
        Assert.Contains("asked to join Allotment Share", heard, StringComparison.Ordinal);
        Assert.Contains($"href=\"{path}/admin/requests\"", heard, StringComparison.Ordinal);
        var accepted = await PostAsync(ownerBrowser, path + "/admin/requests", "group-requests", new() { ["Approve"] = Id(asker.Id) });
        Assert.Contains("@wg_appr_asker is now a member of the group.", accepted, StringComparison.Ordinal);
        Assert.Equal(GroupRole.Member, (await RelationshipAsync(group.Id, asker.Id)).Role);
        // The asker hears of it on their notifications page, with a link to the group.
        var told = await Html.GetAsync(browser, "/notifications");
        Assert.Contains("You are now a member of Allotment Share", told, StringComparison.Ordinal);
        Assert.Contains($"href=\"{path}\"", told, StringComparison.Ordinal);

        // A declined request leaves the person outside, free to ask again.
        await PostAsync(otherBrowser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "true" }, HttpStatusCode.Redirect);
        Assert.Contains("has been declined", await PostAsync(ownerBrowser, path + "/admin/requests", "group-requests", new() { ["Reject"] = Id(other.Id) }), StringComparison.Ordinal);
        var relationship = await RelationshipAsync(group.Id, other.Id);
        Assert.False(relationship.Member || relationship.Requested);
    }

    [Fact]
    public async Task AnInviteOnlyGroupExplainsItselfAndRefusesAForgedJoin()
    {
        var owner = await app.CreateUserAsync("wg_inv_owner");
        var outsider = await app.CreateUserAsync("wg_inv_out");
        var group = await CreateAsync(owner.Id, "Board of Trustees", policy: GroupJoinPolicy.InviteOnly);
        var path = "/groups/" + group.Slug;
        var browser = await SignedInAsync("wg_inv_out");
        Assert.Contains("This group is by invitation only. A member can invite you.", await Html.GetAsync(browser, path), StringComparison.Ordinal);
        var join = await Html.GetAsync(browser, path + "/join");
        Assert.Contains("This group is by invitation only.", join, StringComparison.Ordinal);
        Assert.DoesNotContain("group-join", join, StringComparison.Ordinal);

        // The join form posted anyway (token taken from the group page) finds no form and changes nothing.
        var response = await Html.PostFormAsync(browser, path, "group-join", new Dictionary<string, string> { ["Input.AcceptRules"] = "true" }, path + "/join");
        Assert.NotEqual(HttpStatusCode.Redirect, response.StatusCode);
        var relationship = await RelationshipAsync(group.Id, outsider.Id);
        Assert.False(relationship.Member || relationship.Requested);
    }

    [Fact]
    public async Task AMemberCreatesAGroupAndItsAdminsChangeEverySetting()
    {
        var owner = await app.CreateUserAsync("wg_make_owner");
        await app.CreateUserAsync("wg_make_member");
        var parent = await CreateAsync(owner.Id, "National Gardeners");
        var browser = await SignedInAsync("wg_make_owner");

        // Bad input: the form says why and nothing is created.
        var tooLong = await PostAsync(browser, "/groups/new", "group-new", new() { ["Input.Name"] = new string('n', GroupRules.MaxName + 1), ["Input.Kind"] = "Interest", ["Input.Visibility"] = "Public", ["Input.JoinPolicy"] = "Open" });
        Assert.Contains("id=\"group-name-error\"", tooLong, StringComparison.Ordinal);
        var badSlug = await PostAsync(browser, "/groups/new", "group-new", new() { ["Input.Name"] = "Seed Swap", ["Input.Slug"] = "new", ["Input.Kind"] = "Interest", ["Input.Visibility"] = "Public", ["Input.JoinPolicy"] = "Open" });
        Assert.Contains("id=\"group-slug-error\"", badSlug, StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(db => db.Groups.CountAsync(g => g.CreatedById == owner.Id)));

        var location = await PostAsync(browser, "/groups/new", "group-new", new()
        {
            ["Input.Name"] = "Seed Swap",
            ["Input.Description"] = "Bring *seeds*.",
            ["Input.Kind"] = "Both",
            ["Input.Visibility"] = "Members",
            ["Input.JoinPolicy"] = "Approval",
            ["Input.Tags"] = "seeds, gardening",
            ["Input.AreaName"] = "Riverside",
        }, HttpStatusCode.Redirect);
        Assert.Equal("/groups/seed-swap", location);
        var group = await app.WithDbAsync(db => db.Groups.Include(g => g.Tags).AsNoTracking().SingleAsync(g => g.Slug == "seed-swap"));
        Assert.Equal((GroupKind.Both, GroupVisibility.Members, GroupJoinPolicy.Approval, "Riverside"), (group.Kind, group.Visibility, group.JoinPolicy, group.AreaName));
        Assert.Equal(["gardening", "seeds"], group.Tags.Select(t => t.Name).Order());
        var page = await Html.GetAsync(browser, location);
        Assert.Contains("<em>seeds</em>", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/groups/seed-swap/admin\"", page, StringComparison.Ordinal);

        // Settings: bad coordinates and an unknown parent are errors and change nothing.
        var settings = location + "/admin";
        var form = new Dictionary<string, string>
        {
            ["Input.Name"] = "Seed Swap Riverside",
            ["Input.Slug"] = "seed-swap",
            ["Input.Description"] = "Bring seeds.",
            ["Input.Kind"] = "Place",
            ["Input.Visibility"] = "Public",
            ["Input.JoinPolicy"] = "Open",
            ["Input.Tags"] = "seeds",
            ["Input.AreaName"] = "Riverside",
            ["Input.Latitude"] = "north",
            ["Input.Longitude"] = "4.84",
            ["Input.RadiusKm"] = "5",
            ["Input.Parent"] = "",
            ["Input.SurfaceInParent"] = "true",
        };
        // The form shows no coordinates any more (a place is chosen by name, ADR 88); coordinates an older form still posts are checked.
        Assert.Contains("The latitude must be a number between -90 and 90", await PostAsync(browser, settings, "group-settings", form), StringComparison.Ordinal);
        form["Input.Latitude"] = "45,7641";
        form["Input.Parent"] = "no-such-group";
        Assert.Contains("There is no such parent group.", await PostAsync(browser, settings, "group-settings", form), StringComparison.Ordinal);
        Assert.Equal("Seed Swap", await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).Select(g => g.Name).SingleAsync()));

        form["Input.Parent"] = parent.Slug;
        Assert.Contains("The settings have been saved.", await PostAsync(browser, settings, "group-settings", form), StringComparison.Ordinal);
        var saved = await app.WithDbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id));
        Assert.Equal(("Seed Swap Riverside", GroupKind.Place, GroupVisibility.Public, GroupJoinPolicy.Open, parent.Id, 5), (saved.Name, saved.Kind, saved.Visibility, saved.JoinPolicy, saved.ParentId, saved.RadiusKm));
        Assert.NotNull(saved.Latitude);
        Assert.InRange(saved.Latitude!.Value, 45.6, 45.9);
        // The parent lists its chapter, and the chapter links to its parent.
        Assert.Contains("href=\"/groups/seed-swap\"", await Html.GetAsync(browser, "/groups/" + parent.Slug), StringComparison.Ordinal);
        Assert.Contains($"href=\"/groups/{parent.Slug}\"", await Html.GetAsync(browser, location), StringComparison.Ordinal);

        // Questions: more than the limit's length is refused; three are kept in order.
        var questions = location + "/admin/questions";
        Assert.Contains("A question is too long", await PostAsync(browser, questions, "group-questions", new() { ["Input.Question1"] = new string('q', GroupRules.MaxQuestion + 1) }), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.GroupQuestions.CountAsync(q => q.GroupId == group.Id)));
        Assert.Contains("The questions have been saved.", await PostAsync(browser, questions, "group-questions", new() { ["Input.Question1"] = "Why?", ["Input.Question2"] = "Where?", ["Input.Question3"] = "When?" }), StringComparison.Ordinal);
        Assert.Equal(["Why?", "Where?", "When?"], await app.WithDbAsync(db => db.GroupQuestions.Where(q => q.GroupId == group.Id).OrderBy(q => q.Position).Select(q => q.Text).ToListAsync()));

        // Rules.
        var rules = location + "/admin/rules";
        Assert.Contains("id=\"group-rules-error\"", await PostAsync(browser, rules, "group-rules", new() { ["Input.Text"] = new string('r', GroupRules.MaxRules + 1) }), StringComparison.Ordinal);
        Assert.Contains("The rules have been saved.", await PostAsync(browser, rules, "group-rules", new() { ["Input.Text"] = "Share what you grow." }), StringComparison.Ordinal);
        Assert.Contains("Share what you grow.", await Html.GetAsync(browser, location), StringComparison.Ordinal);

        // A new address moves the pages.
        form["Input.Slug"] = "riverside-seeds";
        Assert.Equal("/groups/riverside-seeds/admin", await PostAsync(browser, settings, "group-settings", form, HttpStatusCode.Redirect));
        await Html.GetAsync(browser, location, HttpStatusCode.NotFound);
        await Html.GetAsync(browser, "/groups/riverside-seeds");
    }

    [Fact]
    public async Task ModeratorsManageMembersBansOwnershipAndDeletion()
    {
        var owner = await app.CreateUserAsync("wg_mod_owner");
        var alice = await app.CreateUserAsync("wg_mod_alice");
        var bob = await app.CreateUserAsync("wg_mod_bob");
        var group = await CreateAsync(owner.Id, "Food Bank Volunteers");
        var path = "/groups/" + group.Slug;
        foreach (var member in new[] { alice, bob })
        {
            await Service(s => s.JoinAsync(member.Id, group.Id, rulesAccepted: true));
        }
        var browser = await SignedInAsync("wg_mod_owner");

        var members = path + "/admin/members";
        var listed = await Html.GetAsync(browser, members);
        Assert.Contains("@wg_mod_alice", listed, StringComparison.Ordinal);
        Assert.Contains("Administrator", listed, StringComparison.Ordinal);
        var promoted = await PostAsync(browser, members, "group-members-admin", new() { ["SetRole"] = Id(alice.Id), [$"role-{alice.Id}"] = "Moderator" });
        Assert.Contains("@wg_mod_alice is now: Moderator.", promoted, StringComparison.Ordinal);
        Assert.Equal(GroupRole.Moderator, (await RelationshipAsync(group.Id, alice.Id)).Role);
        Assert.Contains("Moderator", await Html.GetAsync(app.Browser(), path + "/members"), StringComparison.Ordinal);

        // Owner is not a role to give: the role stays.
        Assert.Contains("Ownership moves only by a transfer.", await PostAsync(browser, members, "group-members-admin", new() { ["SetRole"] = Id(alice.Id), [$"role-{alice.Id}"] = "Owner" }), StringComparison.Ordinal);
        Assert.Equal(GroupRole.Moderator, (await RelationshipAsync(group.Id, alice.Id)).Role);

        // The moderator removes Bob, then bans him with a reason; the owner lifts the ban.
        var aliceBrowser = await SignedInAsync("wg_mod_alice");
        Assert.Contains("has been removed from the group", await PostAsync(aliceBrowser, members, "group-members-admin", new() { ["Kick"] = Id(bob.Id) }), StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, bob.Id)).Member);
        var bans = path + "/admin/bans";
        Assert.Contains("id=\"ban-username-error\"", await PostAsync(aliceBrowser, bans, "group-ban", new() { ["Input.Username"] = "nobody_here" }), StringComparison.Ordinal);
        Assert.Contains("id=\"ban-reason-error\"", await PostAsync(aliceBrowser, bans, "group-ban", new() { ["Input.Username"] = "wg_mod_bob", ["Input.Reason"] = new string('x', GroupRules.MaxBanReason + 1) }), StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, bob.Id)).Banned);
        var banned = await PostAsync(aliceBrowser, bans, "group-ban", new() { ["Input.Username"] = "@wg_mod_bob", ["Input.Reason"] = "Rude to volunteers" });
        Assert.Contains("@wg_mod_bob is banned from the group.", banned, StringComparison.Ordinal);
        Assert.Contains("Reason: Rude to volunteers", banned, StringComparison.Ordinal);
        Assert.True((await RelationshipAsync(group.Id, bob.Id)).Banned);
        var bobBrowser = await SignedInAsync("wg_mod_bob");
        Assert.Contains("You have been banned from this group.", await Html.GetAsync(bobBrowser, path), StringComparison.Ordinal);
        Assert.Contains("The ban of @wg_mod_bob has been lifted.", await PostAsync(browser, bans, "group-unban", new() { ["Unban"] = Id(bob.Id) }), StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, bob.Id)).Banned);

        // The moderator may not remove the owner (the button is not there; a forged one is refused).
        var forged = await PostAsync(aliceBrowser, members, "group-members-admin", new() { ["Kick"] = Id(owner.Id) });
        Assert.Contains("You can only remove members whose role is below yours.", forged, StringComparison.Ordinal);
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, owner.Id)).Role);

        // Transfer needs the box ticked and a member; the old owner stays as an admin.
        var transfer = path + "/admin/transfer";
        Assert.Contains("id=\"transfer-confirm-error\"", await PostAsync(browser, transfer, "group-transfer", new() { ["Input.Username"] = "wg_mod_alice" }), StringComparison.Ordinal);
        Assert.Contains("Ownership can only go to a member of the group.", await PostAsync(browser, transfer, "group-transfer", new() { ["Input.Username"] = "wg_mod_bob", ["Input.Confirm"] = "true" }), StringComparison.Ordinal);
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, owner.Id)).Role);
        Assert.Equal(path, await PostAsync(browser, transfer, "group-transfer", new() { ["Input.Username"] = "wg_mod_alice", ["Input.Confirm"] = "true" }, HttpStatusCode.Redirect));
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, alice.Id)).Role);
        Assert.Equal(GroupRole.Admin, (await RelationshipAsync(group.Id, owner.Id)).Role);
        await Html.GetAsync(browser, transfer, HttpStatusCode.Forbidden);

        // Deleting needs the box ticked too.
        var delete = path + "/admin/delete";
        Assert.Contains("id=\"delete-confirm-error\"", await PostAsync(aliceBrowser, delete, "group-delete", new()), StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Groups.AnyAsync(g => g.Id == group.Id)));
        Assert.Equal("/groups", await PostAsync(aliceBrowser, delete, "group-delete", new() { ["Input.Confirm"] = "true" }, HttpStatusCode.Redirect));
        Assert.False(await app.WithDbAsync(db => db.Groups.AnyAsync(g => g.Id == group.Id)));
        await Html.GetAsync(aliceBrowser, path, HttpStatusCode.NotFound);
    }

    public enum Who { Anonymous, NonMember, Requested, Member, Moderator, Admin, Owner, Banned }

    [Theory]
    [InlineData(GroupVisibility.Public)]
    [InlineData(GroupVisibility.Members)]
    [InlineData(GroupVisibility.Secret)]
    public async Task EachViewerSeesWhatTheGroupsVisibilityAndTheirRoleAllow(GroupVisibility visibility)
    {
        var prefix = "wm" + (int)visibility + "_";
        var users = new Dictionary<Who, User>();
        foreach (var who in Enum.GetValues<Who>().Where(w => w != Who.Anonymous))
        {
            users[who] = await app.CreateUserAsync(prefix + who.ToString().ToLowerInvariant());
        }
        var owner = users[Who.Owner].Id;
        var group = await CreateAsync(owner, $"Matrix {visibility}", policy: GroupJoinPolicy.Approval, questions: ["Why?"]);
        foreach (var (who, role) in new[] { (Who.Member, GroupRole.Member), (Who.Moderator, GroupRole.Moderator), (Who.Admin, GroupRole.Admin) })
        {
            await Service(s => s.JoinAsync(users[who].Id, group.Id, true, ["Because"]));
            await Service(s => s.AuthorizeRequestAsync(owner, group.Id, users[who].Id));
            if (role != GroupRole.Member)
            {
                await Service(s => s.SetRoleAsync(owner, group.Id, [users[who].Id], role));
            }
        }
        await Service(s => s.JoinAsync(users[Who.Requested].Id, group.Id, true, ["Please"]));
        await Service(async s => { await s.BanAsync(owner, group.Id, users[Who.Banned].Id, "Spam"); return true; });
        await Service(s => s.UpdateAsync(owner, group.Id, new GroupInput { Visibility = visibility }));

        var path = "/groups/" + group.Slug;
        var browsers = new Dictionary<Who, HttpClient> { [Who.Anonymous] = app.Browser() };
        foreach (var (who, user) in users)
        {
            browsers[who] = await SignedInAsync(user.UserName!);
        }
        bool IsMember(Who who) => who is Who.Member or Who.Moderator or Who.Admin or Who.Owner;
        bool Sees(Who who) => visibility switch
        {
            GroupVisibility.Public => true,
            GroupVisibility.Members => who != Who.Anonymous,
            _ => IsMember(who),
        };

        foreach (var (who, browser) in browsers)
        {
            var because = $"{visibility}, {who}";
            if (!Sees(who))
            {
                Assert.True(HttpStatusCode.NotFound == (await browser.GetAsync(path)).StatusCode, because);
                Assert.True(HttpStatusCode.NotFound == (await browser.GetAsync(path + "/members")).StatusCode, because);
                continue;
            }
            var page = await Html.GetAsync(browser, path);
            Assert.Contains($"Matrix {visibility}", page, StringComparison.Ordinal);
            // Outsiders of a members-only group see its header but not its posts or its members.
            var headerOnly = visibility != GroupVisibility.Public && !IsMember(who);
            Assert.True(headerOnly == page.Contains("Only the group&#x27;s members read its posts.", StringComparison.Ordinal), because);
            var membersTab = await Html.GetAsync(browser, path + "/members");
            Assert.True(headerOnly == !membersTab.Contains("@" + prefix + "moderator", StringComparison.Ordinal), because);
            Assert.True((who == Who.Requested) == page.Contains("Cancel my request", StringComparison.Ordinal), because);
            Assert.True((who == Who.Banned) == page.Contains("You have been banned from this group.", StringComparison.Ordinal), because);
            Assert.True((who is Who.Member or Who.Moderator or Who.Admin) == page.Contains("Leave this group", StringComparison.Ordinal), because);
            Assert.True((who is Who.Moderator or Who.Admin or Who.Owner) == page.Contains("Manage the group", StringComparison.Ordinal), because);
        }

        // The admin pages: a 404 to whoever may not see the group, a 403 to whoever sees it without the role.
        var pages = new (string Path, Func<Who, bool> Allowed)[]
        {
            ("/admin", w => w is Who.Admin or Who.Owner),
            ("/admin/questions", w => w is Who.Admin or Who.Owner),
            ("/admin/rules", w => w is Who.Admin or Who.Owner),
            ("/admin/requests", w => w is Who.Moderator or Who.Admin or Who.Owner),
            ("/admin/members", w => w is Who.Moderator or Who.Admin or Who.Owner),
            ("/admin/bans", w => w is Who.Moderator or Who.Admin or Who.Owner),
            ("/admin/transfer", w => w is Who.Owner),
            ("/admin/delete", w => w is Who.Owner),
        };
        foreach (var (page, allowed) in pages)
        {
            foreach (var (who, browser) in browsers)
            {
                var response = await browser.GetAsync(path + page);
                var expected = who == Who.Anonymous ? HttpStatusCode.Redirect : !Sees(who) ? HttpStatusCode.NotFound : allowed(who) ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                Assert.True(expected == response.StatusCode, $"{page}, {visibility}, {who}: {(int)response.StatusCode}");
            }
        }

        // Forged posts by the wrong roles are refused and change nothing (the token comes from a page they may open).
        foreach (var who in new[] { Who.NonMember, Who.Requested, Who.Member, Who.Moderator, Who.Banned })
        {
            var browser = browsers[who];
            var settings = await Html.PostFormAsync(browser, "/lists", "group-settings", new Dictionary<string, string> { ["Input.Name"] = "Taken over", ["Input.Kind"] = "Interest", ["Input.Visibility"] = "Public", ["Input.JoinPolicy"] = "Open" }, path + "/admin");
            Assert.True((int)settings.StatusCode >= 400, $"settings, {visibility}, {who}: {(int)settings.StatusCode}");
            var delete = await Html.PostFormAsync(browser, "/lists", "group-delete", new Dictionary<string, string> { ["Input.Confirm"] = "true" }, path + "/admin/delete");
            Assert.True((int)delete.StatusCode >= 400, $"delete, {visibility}, {who}: {(int)delete.StatusCode}");
            if (who != Who.Moderator)
            {
                var approve = await Html.PostFormAsync(browser, "/lists", "group-requests", new Dictionary<string, string> { ["Approve"] = Id(users[Who.Requested].Id) }, path + "/admin/requests");
                Assert.True((int)approve.StatusCode >= 400, $"requests, {visibility}, {who}: {(int)approve.StatusCode}");
            }
        }
        var admin = browsers[Who.Admin];
        var transfer = await Html.PostFormAsync(admin, "/lists", "group-transfer", new Dictionary<string, string> { ["Input.Username"] = prefix + "admin", ["Input.Confirm"] = "true" }, path + "/admin/transfer");
        Assert.True((int)transfer.StatusCode >= 400, $"transfer, {visibility}: {(int)transfer.StatusCode}");
        var unchanged = await app.WithDbAsync(db => db.Groups.AsNoTracking().SingleAsync(g => g.Id == group.Id));
        Assert.Equal(($"Matrix {visibility}", visibility), (unchanged.Name, unchanged.Visibility));
        Assert.True((await RelationshipAsync(group.Id, users[Who.Requested].Id)).Requested);
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, owner)).Role);

        // The right roles are accepted: the moderator decides the request, the admin renames the group.
        await PostAsync(browsers[Who.Moderator], path + "/admin/requests", "group-requests", new() { ["Approve"] = Id(users[Who.Requested].Id) });
        Assert.True((await RelationshipAsync(group.Id, users[Who.Requested].Id)).Member);
        await PostAsync(admin, path + "/admin/rules", "group-rules", new() { ["Input.Text"] = "Be kind." });
        Assert.Equal("Be kind.", await app.WithDbAsync(db => db.Groups.Where(g => g.Id == group.Id).Select(g => g.Rules).SingleAsync()));
    }

    [Fact]
    public async Task MembersPostFromTheGroupPageAndModeratorsPinAndRemovePosts()
    {
        var owner = await app.CreateUserAsync("wg_feed_owner");
        var member = await app.CreateUserAsync("wg_feed_member");
        await app.CreateUserAsync("wg_feed_out");
        var group = await CreateAsync(owner.Id, "Tool Library", visibility: GroupVisibility.Members);
        await Service(s => s.JoinAsync(member.Id, group.Id, rulesAccepted: true));
        var path = "/groups/" + group.Slug;

        var memberBrowser = await SignedInAsync("wg_feed_member");
        var page = await Html.GetAsync(memberBrowser, path);
        Assert.Contains("Your post goes into this group", page, StringComparison.Ordinal);
        Assert.DoesNotContain("compose-visibility", page, StringComparison.Ordinal);
        Assert.Contains("No posts in this group yet.", page, StringComparison.Ordinal);
        Assert.Equal(path, await PostAsync(memberBrowser, path, "compose", new() { ["Input.Text"] = "Who has a ladder to lend?" }, HttpStatusCode.Redirect));
        var post = await app.WithDbAsync(db => db.Statuses.AsNoTracking().SingleAsync(s => s.AccountId == member.Id));
        Assert.Equal((group.Id, Audience.Members), (post.GroupId, post.Visibility));
        Assert.Contains("Who has a ladder to lend?", await Html.GetAsync(memberBrowser, path), StringComparison.Ordinal);

        // Outsiders see neither the post nor a composer; a member sees no moderation buttons.
        var outsider = await Html.GetAsync(await SignedInAsync("wg_feed_out"), path);
        Assert.DoesNotContain("Who has a ladder to lend?", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Text", outsider, StringComparison.Ordinal);
        Assert.DoesNotContain("Pin in the group", await Html.GetAsync(memberBrowser, path), StringComparison.Ordinal);

        // A forged pin by a member is refused and changes nothing.
        var forged = await Html.PostFormAsync(memberBrowser, path, null, new Dictionary<string, string> { ["act"] = "group-pin", ["returnUrl"] = path }, $"/posts/{post.Id}/act");
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == post.Id).Select(s => s.GroupPinnedAt).SingleAsync()));
        await Html.GetAsync(memberBrowser, $"{path}/admin/posts/{post.Id}/remove", HttpStatusCode.Forbidden);

        // The owner pins it: it shows under "Pinned", first.
        var ownerBrowser = await SignedInAsync("wg_feed_owner");
        await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Statuses.StatusService>().CreateAsync(owner.Id, new Kindred.Core.Statuses.NewStatus("Newer post", "http://localhost", Audience.Public, GroupId: group.Id)));
        var ownerPage = await Html.GetAsync(ownerBrowser, path);
        Assert.Contains("Pin in the group", ownerPage, StringComparison.Ordinal);
        Assert.Contains($"href=\"{path}/admin/posts/{post.Id}/remove\"", ownerPage, StringComparison.Ordinal);
        var pin = await Html.PostFormAsync(ownerBrowser, path, null, new Dictionary<string, string> { ["act"] = "group-pin", ["returnUrl"] = path }, $"/posts/{post.Id}/act");
        Assert.Equal(HttpStatusCode.Redirect, pin.StatusCode);
        var pinned = await Html.GetAsync(ownerBrowser, path);
        Assert.Contains("Unpin from the group", pinned, StringComparison.Ordinal);
        Assert.True(pinned.IndexOf("Who has a ladder to lend?", StringComparison.Ordinal) < pinned.IndexOf("Newer post", StringComparison.Ordinal));
        await Html.PostFormAsync(ownerBrowser, path, null, new Dictionary<string, string> { ["act"] = "group-unpin", ["returnUrl"] = path }, $"/posts/{post.Id}/act");
        Assert.Null(await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == post.Id).Select(s => s.GroupPinnedAt).SingleAsync()));

        // Removing asks for a confirmation, then deletes the post.
        Assert.Contains("Who has a ladder to lend?", await Html.GetAsync(ownerBrowser, $"{path}/admin/posts/{post.Id}/remove"), StringComparison.Ordinal);
        Assert.Equal(path, await PostAsync(ownerBrowser, $"{path}/admin/posts/{post.Id}/remove", "group-remove-post", new() { ["Confirm"] = "yes" }, HttpStatusCode.Redirect));
        Assert.NotNull(await app.WithDbAsync(db => db.Statuses.Where(s => s.Id == post.Id).Select(s => s.DeletedAt).SingleAsync()));
        Assert.DoesNotContain("Who has a ladder to lend?", await Html.GetAsync(ownerBrowser, path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublicGroupsFeedIsReadByVisitorsNewestFirstAPageAtATime()
    {
        var owner = await app.CreateUserAsync("wg_page_owner");
        var group = await CreateAsync(owner.Id, "Repair Cafe");
        for (var i = 1; i <= 22; i++)
        {
            var text = $"Repair note {i:00}";
            await app.WithServicesAsync(s => s.GetRequiredService<Kindred.Core.Statuses.StatusService>().CreateAsync(owner.Id, new Kindred.Core.Statuses.NewStatus(text, "http://localhost", Audience.Public, GroupId: group.Id)));
        }
        var path = "/groups/" + group.Slug;
        var visitor = app.Browser();
        var first = await Html.GetAsync(visitor, path);
        Assert.Contains("Repair note 22", first, StringComparison.Ordinal);
        Assert.DoesNotContain("Repair note 02", first, StringComparison.Ordinal);
        Assert.True(first.IndexOf("Repair note 22", StringComparison.Ordinal) < first.IndexOf("Repair note 21", StringComparison.Ordinal));
        var older = System.Text.RegularExpressions.Regex.Match(first, "href=\"(/groups/[^\"]+max_id=\\d+)\" rel=\"next\"");
        Assert.True(older.Success, Html.Snippet(first));
        var second = await Html.GetAsync(visitor, System.Net.WebUtility.HtmlDecode(older.Groups[1].Value));
        Assert.Contains("Repair note 02", second, StringComparison.Ordinal);
        Assert.Contains("Repair note 01", second, StringComparison.Ordinal);
        Assert.DoesNotContain("Repair note 03", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JoiningAnOpenGroupNeedsTheRulesAcceptedAndMembersCanLeave()
    {
        var owner = await app.CreateUserAsync("wg_open_owner");
        var joiner = await app.CreateUserAsync("wg_open_joiner");
        var group = await CreateAsync(owner.Id, "Riverside Growers", rules: "Be kind to **beginners**.");
        var path = "/groups/" + group.Slug;

        var anonymous = await Html.GetAsync(app.Browser(), path);
        Assert.Contains("Riverside Growers", anonymous, StringComparison.Ordinal);
        Assert.Contains("We grow vegetables together.", anonymous, StringComparison.Ordinal);
        Assert.Contains("Sign in to join this group", anonymous, StringComparison.Ordinal);
        Assert.Equal("/account/sign-in", Html.Location(await app.Browser().GetAsync(path + "/join")).Split('?')[0]);

        var browser = await SignedInAsync("wg_open_joiner");
        Assert.Contains($"href=\"{path}/join\"", await Html.GetAsync(browser, path), StringComparison.Ordinal);
        var join = await Html.GetAsync(browser, path + "/join");
        Assert.Contains("<strong>beginners</strong>", join, StringComparison.Ordinal);
        Assert.Contains("I accept the rules of the group", join, StringComparison.Ordinal);

        var refused = await PostAsync(browser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "false" });
        Assert.Contains("id=\"join-accept-error\"", refused, StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, joiner.Id)).Member);

        Assert.Equal(path, await PostAsync(browser, path + "/join", "group-join", new() { ["Input.AcceptRules"] = "true" }, HttpStatusCode.Redirect));
        Assert.Equal(GroupRole.Member, (await RelationshipAsync(group.Id, joiner.Id)).Role);
        var page = await Html.GetAsync(browser, path);
        Assert.Contains("Leave this group", page, StringComparison.Ordinal);
        Assert.Contains("2 members", page, StringComparison.Ordinal);

        var left = await PostAsync(browser, path, "group-leave", new() { ["Leave"] = "yes" });
        Assert.Contains("You have left the group.", left, StringComparison.Ordinal);
        Assert.False((await RelationshipAsync(group.Id, joiner.Id)).Member);

        // The owner is told to hand the group over first, and a forged "leave" changes nothing.
        var ownerBrowser = await SignedInAsync("wg_open_owner");
        var ownerPage = await Html.GetAsync(ownerBrowser, path);
        Assert.Contains("To leave it, first transfer ownership", ownerPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Leave this group", ownerPage, StringComparison.Ordinal);
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, owner.Id)).Role);
    }
}

public sealed class GroupPagesSqliteTests(SqliteApp app) : GroupPagesTests(app), IClassFixture<SqliteApp>;

public sealed class GroupPagesPostgresTests(PostgresApp app) : GroupPagesTests(app), IClassFixture<PostgresApp>;
