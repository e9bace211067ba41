using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Invitations;
using Kindred.Core.Relationships;
using Kindred.Core.Statuses;
using Kindred.Data;
using Kindred.Data.Entities;
using Kindred.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kindred.IntegrationTests.Groups;

/// <summary>The groups core (GroupService, GroupQueries, GroupAccess) on a real database: the rules the API and the
/// pages share. The API tests go through HTTP; these pin the service's invariants directly.</summary>
public abstract class GroupServiceTests(KindredApp app)
{
    private Task<T> Service<T>(Func<GroupService, Task<T>> action) => app.WithServicesAsync(s => action(s.GetRequiredService<GroupService>()));

    private Task<bool> Service(Func<GroupService, Task> action) => app.WithServicesAsync(async s =>
    {
        await action(s.GetRequiredService<GroupService>());
        return true;
    });

    private Task<T> Queries<T>(Func<GroupQueries, Task<T>> action) => app.WithServicesAsync(s => action(s.GetRequiredService<GroupQueries>()));

    private async Task<long> UserAsync(string name) => (await app.CreateUserAsync(name)).Id;

    private Task<Group> CreateAsync(long creator, string name, GroupVisibility visibility = GroupVisibility.Public, GroupJoinPolicy policy = GroupJoinPolicy.Open, string rules = "", IReadOnlyList<string>? questions = null) =>
        Service(s => s.CreateAsync(creator, new GroupInput { Name = name, Visibility = visibility, JoinPolicy = policy, Rules = rules, Questions = questions }));

    private Task<GroupRelationship> RelationshipAsync(long groupId, long accountId) =>
        app.WithDbAsync(async db => (await GroupQueries.RelationshipsAsync(db, accountId, [groupId], default))[0]);

    private Task<int> MembersCountAsync(long groupId) => app.WithDbAsync(db => db.Groups.Where(g => g.Id == groupId).Select(g => g.MembersCount).FirstAsync());

    private static async Task<KindredException> Fails(ErrorKind kind, Func<Task> action)
    {
        var error = await Assert.ThrowsAsync<KindredException>(action);
        Assert.Equal(kind, error.Kind);
        return error;
    }

    [Fact]
    public async Task TheCreatorOwnsANewGroupWhoseInputIsCleanedUp()
    {
        var me = await UserAsync("gs_creator");
        var group = await Service(s => s.CreateAsync(me, new GroupInput
        {
            Name = "  Riverside Gardeners ",
            Description = "We grow **things**.",
            Tags = ["#Gardening", "gardening", "Compost"],
            Questions = ["Do you have a garden?", " "],
            Latitude = 45.764043,
            Longitude = 4.835659,
            RadiusKm = 10,
            Kind = GroupKind.Both,
        }));
        Assert.Equal("Riverside Gardeners", group.Name);
        Assert.Equal("riverside-gardeners", group.Slug);
        Assert.Contains("<strong>things</strong>", group.DescriptionHtml);
        Assert.Equal(45.76, group.Latitude);
        Assert.Equal(4.84, group.Longitude);
        Assert.Equal(1, await MembersCountAsync(group.Id));
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, me)).Role);
        var read = await Queries(q => q.GetAsync(Viewer.Member(me), group.Id));
        Assert.Equal(["compost", "gardening"], read.Tags.Select(t => t.Name).Order());
        Assert.Equal(["Do you have a garden?"], read.Questions.Select(q => q.Text));

        // The same name again gets a numbered address; a chosen address that is taken is refused.
        var second = await CreateAsync(me, "Riverside gardeners");
        Assert.Equal("riverside-gardeners-2", second.Slug);
        var taken = await Fails(ErrorKind.Invalid, () => Service(s => s.CreateAsync(me, new GroupInput { Name = "Other", Slug = "riverside-gardeners" })));
        Assert.Equal("slug", taken.Field);
    }

    [Fact]
    public async Task BadInputCreatesNothing()
    {
        var me = await UserAsync("gs_bad");
        var before = await app.WithDbAsync(db => db.Groups.CountAsync());
        GroupInput[] bad =
        [
            new() { Name = "" },
            new() { Name = new string('n', 101) },
            new() { Name = "Ok", Slug = "x" },
            new() { Name = "Ok", Description = new string('d', 5001) },
            new() { Name = "Ok", Questions = ["1", "2", "3", "4"] },
            new() { Name = "Ok", Tags = Enumerable.Range(0, 11).Select(i => $"t{i}").ToList() },
            new() { Name = "Ok", Latitude = 91, Longitude = 0 },
            new() { Name = "Ok", Latitude = 45 },
            new() { Name = "Ok", RadiusKm = 501 },
            new() { Name = "Ok", ParentId = 123456789 },
        ];
        foreach (var input in bad)
        {
            await Fails(ErrorKind.Invalid, () => Service(s => s.CreateAsync(me, input)));
        }
        Assert.Equal(before, await app.WithDbAsync(db => db.Groups.CountAsync()));
    }

    [Fact]
    public async Task AParentMustBeVisibleToTheCreatorAndChaptersCannotFormACycle()
    {
        var owner = await UserAsync("gs_parent_owner");
        var other = await UserAsync("gs_parent_other");
        var secret = await CreateAsync(owner, "Secret national", GroupVisibility.Secret);
        var national = await CreateAsync(owner, "National");
        var error = await Fails(ErrorKind.Invalid, () => Service(s => s.CreateAsync(other, new GroupInput { Name = "Chapter", ParentId = secret.Id })));
        Assert.Equal("parent_id", error.Field);

        var chapter = await Service(s => s.CreateAsync(owner, new GroupInput { Name = "Lyon chapter", ParentId = national.Id }));
        var street = await Service(s => s.CreateAsync(owner, new GroupInput { Name = "Street", ParentId = chapter.Id }));
        await Fails(ErrorKind.Invalid, () => Service(s => s.UpdateAsync(owner, national.Id, new GroupInput { ParentId = street.Id })));
        await Fails(ErrorKind.Invalid, () => Service(s => s.UpdateAsync(owner, national.Id, new GroupInput { ParentId = national.Id })));
        Assert.Null(await app.WithDbAsync(db => db.Groups.Where(g => g.Id == national.Id).Select(g => g.ParentId).FirstAsync()));
    }

    [Fact]
    public async Task EachJoinPolicyLetsPeopleInItsOwnWay()
    {
        var owner = await UserAsync("gs_join_owner");
        var me = await UserAsync("gs_join_me");
        var open = await CreateAsync(owner, "Open with rules", rules: "Be kind.");
        var approval = await CreateAsync(owner, "Approval", policy: GroupJoinPolicy.Approval, questions: ["Why?"]);
        var invite = await CreateAsync(owner, "Invite only", policy: GroupJoinPolicy.InviteOnly);

        var rules = await Fails(ErrorKind.Invalid, () => Service(s => s.JoinAsync(me, open.Id, rulesAccepted: false)));
        Assert.Equal("accept_rules", rules.Field);
        Assert.False((await RelationshipAsync(open.Id, me)).Member);
        Assert.Equal(GroupRole.Member, (await Service(s => s.JoinAsync(me, open.Id, rulesAccepted: true))).Role);
        Assert.Equal(2, await MembersCountAsync(open.Id));
        // Joining twice changes nothing.
        await Service(s => s.JoinAsync(me, open.Id, rulesAccepted: true));
        Assert.Equal(2, await MembersCountAsync(open.Id));

        await Fails(ErrorKind.Invalid, () => Service(s => s.JoinAsync(me, approval.Id, true, ["a", "b"])));
        var requested = await Service(s => s.JoinAsync(me, approval.Id, true, ["Because"]));
        Assert.True(requested.Requested);
        Assert.False(requested.Member);
        var queue = await Queries(q => q.RequestsAsync(owner, approval.Id, new Page(null, null, null, 40)));
        Assert.Equal("Because", Assert.Single(queue).Request.Answer1);
        await Fails(ErrorKind.Forbidden, () => Queries(q => q.RequestsAsync(me, approval.Id, new Page(null, null, null, 40))));
        Assert.Equal(GroupRole.Member, (await Service(s => s.AuthorizeRequestAsync(owner, approval.Id, me))).Role);
        Assert.Equal(2, await MembersCountAsync(approval.Id));
        Assert.Empty(await Queries(q => q.RequestsAsync(owner, approval.Id, new Page(null, null, null, 40))));

        await Fails(ErrorKind.Forbidden, () => Service(s => s.JoinAsync(me, invite.Id, true)));
        Assert.Equal(1, await MembersCountAsync(invite.Id));
    }

    [Fact]
    public async Task ARejectedRequestGoesAndMayBeFiledAgain()
    {
        var owner = await UserAsync("gs_reject_owner");
        var me = await UserAsync("gs_reject_me");
        var group = await CreateAsync(owner, "Approval reject", policy: GroupJoinPolicy.Approval);
        await Service(s => s.JoinAsync(me, group.Id, true));
        await Fails(ErrorKind.Forbidden, () => Service(s => s.RejectRequestAsync(me, group.Id, me)));
        var after = await Service(s => s.RejectRequestAsync(owner, group.Id, me));
        Assert.False(after.Requested || after.Member);
        await Fails(ErrorKind.NotFound, () => Service(s => s.RejectRequestAsync(owner, group.Id, me)));
        Assert.True((await Service(s => s.JoinAsync(me, group.Id, true))).Requested);
        // Leaving withdraws the request.
        Assert.False((await Service(s => s.LeaveAsync(me, group.Id))).Requested);
    }

    [Fact]
    public async Task ASecretGroupIsNotFoundToOutsidersAndMembersOnlyGroupsToAnonymousVisitors()
    {
        var owner = await UserAsync("gs_vis_owner");
        var me = await UserAsync("gs_vis_me");
        var pub = await CreateAsync(owner, "Visible public");
        var members = await CreateAsync(owner, "Visible members", GroupVisibility.Members);
        var secret = await CreateAsync(owner, "Visible secret", GroupVisibility.Secret);
        long[] all = [pub.Id, members.Id, secret.Id];

        async Task<long[]> Seen(Viewer viewer) => [.. (await Queries(q => q.ManyAsync(viewer, all))).Select(g => g.Id).Order()];
        Assert.Equal([pub.Id], await Seen(Viewer.Anonymous));
        Assert.Equal([pub.Id], await Seen(Viewer.App));
        Assert.Equal(new[] { pub.Id, members.Id }.Order(), await Seen(Viewer.Member(me)));
        Assert.Equal(all.Order(), await Seen(Viewer.Member(owner)));

        await Fails(ErrorKind.NotFound, () => Queries(q => q.GetAsync(Viewer.Member(me), secret.Id)));
        await Fails(ErrorKind.NotFound, () => Queries(q => q.GetBySlugAsync(Viewer.Member(me), secret.Slug)));
        await Fails(ErrorKind.NotFound, () => Queries(q => q.GetAsync(Viewer.Anonymous, members.Id)));
        await Fails(ErrorKind.NotFound, () => Service(s => s.JoinAsync(me, secret.Id, true)));
        Assert.Equal(new[] { pub.Id, members.Id }.Order(), (await Queries(q => q.RelationshipsAsync(me, all))).Select(r => r.GroupId).Order());
        // A members-only group's member list is for its members.
        await Fails(ErrorKind.Forbidden, () => Queries(q => q.MembersAsync(Viewer.Member(me), members.Id, null, new Page(null, null, null, 40))));
        Assert.Single(await Queries(q => q.MembersAsync(Viewer.Anonymous, pub.Id, null, new Page(null, null, null, 40))));
    }

    [Fact]
    public async Task OnlyAdminsManageRolesAndOnlyTheOwnerMakesAdmins()
    {
        var owner = await UserAsync("gs_roles_owner");
        var admin = await UserAsync("gs_roles_admin");
        var mod = await UserAsync("gs_roles_mod");
        var member = await UserAsync("gs_roles_member");
        var group = await CreateAsync(owner, "Roles");
        foreach (var id in new[] { admin, mod, member })
        {
            await Service(s => s.JoinAsync(id, group.Id, true));
        }
        await Service(s => s.SetRoleAsync(owner, group.Id, [admin], GroupRole.Admin));
        await Service(s => s.SetRoleAsync(admin, group.Id, [mod], GroupRole.Moderator));
        Assert.Equal(GroupRole.Moderator, (await RelationshipAsync(group.Id, mod)).Role);

        await Fails(ErrorKind.Forbidden, () => Service(s => s.SetRoleAsync(admin, group.Id, [member], GroupRole.Admin)));
        await Fails(ErrorKind.Forbidden, () => Service(s => s.SetRoleAsync(mod, group.Id, [member], GroupRole.Moderator)));
        await Fails(ErrorKind.Invalid, () => Service(s => s.SetRoleAsync(owner, group.Id, [member], GroupRole.Owner)));
        await Fails(ErrorKind.Invalid, () => Service(s => s.SetRoleAsync(admin, group.Id, [owner], GroupRole.Member)));
        var outsider = await UserAsync("gs_roles_outsider");
        await Fails(ErrorKind.Invalid, () => Service(s => s.SetRoleAsync(owner, group.Id, [outsider], GroupRole.Moderator)));
        Assert.Equal(GroupRole.Member, (await RelationshipAsync(group.Id, member)).Role);

        // A moderator removes members, not admins; the removed member may come back.
        await Fails(ErrorKind.Forbidden, () => Service(s => s.KickAsync(mod, group.Id, admin)));
        await Service(s => s.KickAsync(mod, group.Id, member));
        Assert.False((await RelationshipAsync(group.Id, member)).Member);
        Assert.Equal(3, await MembersCountAsync(group.Id));
    }

    [Fact]
    public async Task TheOwnerLeavesOnlyAfterHandingTheGroupOver()
    {
        var owner = await UserAsync("gs_transfer_owner");
        var next = await UserAsync("gs_transfer_next");
        var outsider = await UserAsync("gs_transfer_out");
        var group = await CreateAsync(owner, "Transfer");
        await Service(s => s.JoinAsync(next, group.Id, true));
        await Fails(ErrorKind.Invalid, () => Service(s => s.LeaveAsync(owner, group.Id)));
        await Fails(ErrorKind.Invalid, () => Service(s => s.TransferOwnershipAsync(owner, group.Id, outsider)));
        await Fails(ErrorKind.Forbidden, () => Service(s => s.TransferOwnershipAsync(next, group.Id, next)));
        await Service(s => s.TransferOwnershipAsync(owner, group.Id, next));
        Assert.Equal(GroupRole.Owner, (await RelationshipAsync(group.Id, next)).Role);
        Assert.Equal(GroupRole.Admin, (await RelationshipAsync(group.Id, owner)).Role);
        await Service(s => s.LeaveAsync(owner, group.Id));
        Assert.Equal(1, await MembersCountAsync(group.Id));
    }

    [Fact]
    public async Task ABanRemovesMembershipAndRequestAndKeepsThePersonOut()
    {
        var owner = await UserAsync("gs_ban_owner");
        var member = await UserAsync("gs_ban_member");
        var asker = await UserAsync("gs_ban_asker");
        var open = await CreateAsync(owner, "Ban open");
        var approval = await CreateAsync(owner, "Ban approval", policy: GroupJoinPolicy.Approval);
        await Service(s => s.JoinAsync(member, open.Id, true));
        await Service(s => s.JoinAsync(asker, approval.Id, true));

        await Fails(ErrorKind.Forbidden, () => Service(s => s.BanAsync(member, open.Id, owner)));
        await Service(s => s.BanAsync(owner, open.Id, member, "Spam"));
        await Service(s => s.BanAsync(owner, approval.Id, asker));
        Assert.Equal(GroupRelationship.None(open.Id) with { Banned = true }, await RelationshipAsync(open.Id, member));
        Assert.Equal(GroupRelationship.None(approval.Id) with { Banned = true }, await RelationshipAsync(approval.Id, asker));
        Assert.Equal(1, await MembersCountAsync(open.Id));
        await Fails(ErrorKind.Forbidden, () => Service(s => s.JoinAsync(member, open.Id, true)));
        Assert.Single(await Queries(q => q.BansAsync(owner, open.Id, new Page(null, null, null, 40))));

        await Service(s => s.UnbanAsync(owner, open.Id, member));
        Assert.True((await Service(s => s.JoinAsync(member, open.Id, true))).Member);
    }

    [Fact]
    public async Task AnInvitationBringsSomeoneIntoAnInviteOnlyGroupButNotPastABan()
    {
        var owner = await UserAsync("gs_inv_owner");
        var guest = await UserAsync("gs_inv_guest");
        var banned = await UserAsync("gs_inv_banned");
        var group = await CreateAsync(owner, "Invited", GroupVisibility.Secret, GroupJoinPolicy.InviteOnly);
        var invitation = await app.WithServicesAsync(s => s.GetRequiredService<InvitationService>().CreateAsync(owner, new NewInvitation(5, null)));
        var joined = await Service(s => s.AddFromInvitationAsync(group.Id, guest, invitation.Id));
        Assert.Equal(GroupRole.Member, joined.Role);
        Assert.Equal(invitation.Id, await app.WithDbAsync(db => db.GroupMemberships.Where(m => m.GroupId == group.Id && m.AccountId == guest).Select(m => m.InvitationId).FirstAsync()));
        Assert.Equal(2, await MembersCountAsync(group.Id));

        await Service(s => s.BanAsync(owner, group.Id, banned));
        await Fails(ErrorKind.Forbidden, () => Service(s => s.AddFromInvitationAsync(group.Id, banned, invitation.Id)));
    }

    [Fact]
    public async Task OnlyTheOwnerDeletesAGroupAndItsPostsGoWithIt()
    {
        var owner = await UserAsync("gs_delete_owner");
        var member = await UserAsync("gs_delete_member");
        var group = await CreateAsync(owner, "Delete me", GroupVisibility.Secret);
        var invitation = await app.WithServicesAsync(x => x.GetRequiredService<InvitationService>().CreateAsync(owner, new NewInvitation(1, null)));
        await Service(s => s.AddFromInvitationAsync(group.Id, member, invitation.Id));
        var postId = await app.WithDbAsync(async db =>
        {
            var status = new Status { Id = Snowflake.NewId(), AccountId = member, Text = "secret", ContentHtml = "<p>secret</p>", Visibility = Audience.Members, GroupId = group.Id, CreatedAt = DateTime.UtcNow };
            db.Statuses.Add(status);
            await db.SaveChangesAsync();
            return status.Id;
        });
        await Fails(ErrorKind.Forbidden, () => Service(s => s.DeleteAsync(member, group.Id)));
        await Service(s => s.DeleteAsync(owner, group.Id));
        Assert.False(await app.WithDbAsync(db => db.Groups.AnyAsync(g => g.Id == group.Id)));
        // With the group gone the post would fall back to "members only" and every member could read it.
        var other = await UserAsync("gs_delete_other");
        Assert.False(await app.WithDbAsync(db => db.Statuses.VisibleTo(db, Viewer.Member(other)).AnyAsync(s => s.Id == postId)));
    }
}

public sealed class GroupServiceSqliteTests(SqliteApp app) : GroupServiceTests(app), IClassFixture<SqliteApp>;

public sealed class GroupServicePostgresTests(PostgresApp app) : GroupServiceTests(app), IClassFixture<PostgresApp>;
