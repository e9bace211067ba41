using System.Globalization;
using System.Net;
using System.Text.Json;
using Kindred.IntegrationTests.Infrastructure;

namespace Kindred.IntegrationTests.Groups;

/// <summary>The groups API (Truth Social's shape): create, read, update, delete, join and leave, requests, roles, bans,
/// ownership, posting into groups, the group feed with pins, moderators removing posts, paging and scopes.</summary>
public abstract class GroupsApiTests(KindredApp app)
{
    private static int scopeUsers;

    private async Task<(string Id, string Token)> MemberAsync(string username)
    {
        var user = await app.CreateUserAsync(username);
        return (user.Id.ToString(CultureInfo.InvariantCulture), await app.TokenAsync(username));
    }

    private async Task<JsonElement> SendAsync(string? token, HttpMethod method, string path, IEnumerable<(string Key, string Value)>? form = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var request = new HttpRequestMessage(method, path)
        {
            Content = form is null ? null : new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))),
        };
        return await KindredApp.Json(await app.Api(token).SendAsync(request), expected);
    }

    private Task<JsonElement> GetAsync(string? token, string path, HttpStatusCode expected = HttpStatusCode.OK) => SendAsync(token, HttpMethod.Get, path, expected: expected);

    private Task<JsonElement> PostAsync(string token, string path, IEnumerable<(string, string)>? form = null, HttpStatusCode expected = HttpStatusCode.OK) =>
        SendAsync(token, HttpMethod.Post, path, form ?? [], expected);

    private async Task<string> CreateGroupAsync(string token, string name, params (string, string)[] fields) =>
        Id(await PostAsync(token, "/api/v1/groups", [("display_name", name), .. fields]));

    private Task<JsonElement> PostStatusAsync(string token, string text, string groupId, string? inReplyTo = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        List<(string, string)> form = [("status", text), ("group_id", groupId)];
        if (inReplyTo is not null)
        {
            form.Add(("in_reply_to_id", inReplyTo));
        }
        return PostAsync(token, "/api/v1/statuses", form, expected);
    }

    private async Task<List<string>> TimelineAsync(string? token, string groupId, string query = "") =>
        (await GetAsync(token, $"/api/v1/timelines/group/{groupId}{query}")).EnumerateArray().Select(Id).ToList();

    private async Task<JsonElement> RelationshipAsync(string token, string groupId) =>
        Assert.Single((await GetAsync(token, $"/api/v1/groups/relationships?id[]={groupId}")).EnumerateArray());

    private static string Id(JsonElement json) => json.GetProperty("id").GetString()!;

    private static string Error(JsonElement json) => json.GetProperty("error").GetString()!;

    [Fact]
    public async Task AMemberCreatesReadsChangesAndDeletesAGroup()
    {
        var (meId, me) = await MemberAsync("ga_crud");
        var created = await PostAsync(me, "/api/v1/groups",
        [
            ("display_name", " Riverside Gardeners "), ("note", "We grow *things*."), ("group_visibility", "members_only"),
            ("join_policy", "approval"), ("tags[]", "#Gardening"), ("tags[]", "Compost"), ("questions[]", "Do you have a garden?"),
            ("rules", "Be kind."), ("kind", "place"), ("area_name", "Riverside"), ("latitude", "45.764043"), ("longitude", "4.835659"), ("radius_km", "5"),
        ]);
        var id = Id(created);
        Assert.Equal("Riverside Gardeners", created.GetProperty("display_name").GetString());
        Assert.Equal("riverside-gardeners", created.GetProperty("slug").GetString());
        Assert.Contains("<em>things</em>", created.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Equal("We grow *things*.", created.GetProperty("source").GetProperty("note").GetString());
        Assert.Equal("members_only", created.GetProperty("group_visibility").GetString());
        Assert.True(created.GetProperty("membership_required").GetBoolean());
        Assert.True(created.GetProperty("locked").GetBoolean());
        Assert.Equal(1, created.GetProperty("members_count").GetInt32());
        Assert.Equal(meId, created.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal(["compost", "gardening"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        var kindred = created.GetProperty("kindred");
        Assert.Equal("members_only", kindred.GetProperty("visibility").GetString());
        Assert.Equal("approval", kindred.GetProperty("join_policy").GetString());
        Assert.Equal("place", kindred.GetProperty("kind").GetString());
        Assert.Equal(45.76, kindred.GetProperty("latitude").GetDouble());
        Assert.Equal(["Do you have a garden?"], kindred.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.Equal("owner", (await RelationshipAsync(me, id)).GetProperty("role").GetString());

        Assert.Equal(id, Id(await GetAsync(me, $"/api/v1/groups/{id}")));
        Assert.Equal(id, Id(await GetAsync(me, "/api/v1/groups/lookup?name=riverside-gardeners")));
        Assert.Equal([id], (await GetAsync(me, "/api/v1/groups")).EnumerateArray().Select(Id));

        var updated = await SendAsync(me, HttpMethod.Put, $"/api/v1/groups/{id}", [("display_name", "Riverside Growers"), ("visibility", "secret"), ("tags[]", "")]);
        Assert.Equal("Riverside Growers", updated.GetProperty("display_name").GetString());
        Assert.Equal("riverside-gardeners", updated.GetProperty("slug").GetString());
        Assert.Equal("secret", updated.GetProperty("kindred").GetProperty("visibility").GetString());
        Assert.False(updated.GetProperty("discoverable").GetBoolean());
        Assert.Empty(updated.GetProperty("tags").EnumerateArray());
        // Settings not sent stay as they were.
        Assert.Equal("Be kind.", updated.GetProperty("kindred").GetProperty("rules").GetString());

        await SendAsync(me, HttpMethod.Delete, $"/api/v1/groups/{id}");
        await GetAsync(me, $"/api/v1/groups/{id}", HttpStatusCode.NotFound);
        Assert.Empty((await GetAsync(me, "/api/v1/groups")).EnumerateArray());
    }

    [Fact]
    public async Task BadInputIsA422WithAMessageAndChangesNothing()
    {
        var (_, me) = await MemberAsync("ga_bad");
        (string, string)[][] bad =
        [
            [("display_name", "")],
            [("display_name", new string('n', 101))],
            [("display_name", "Ok"), ("group_visibility", "friends")],
            [("display_name", "Ok"), ("visibility", "hidden")],
            [("display_name", "Ok"), ("join_policy", "sometimes")],
            [("display_name", "Ok"), ("kind", "club")],
            [("display_name", "Ok"), ("latitude", "north"), ("longitude", "4")],
            [("display_name", "Ok"), ("latitude", "45")],
            [("display_name", "Ok"), ("radius_km", "0")],
            [("display_name", "Ok"), ("slug", "a b")],
            [("display_name", "Ok"), ("note", new string('d', 5001))],
            [("display_name", "Ok"), ("questions[]", "1"), ("questions[]", "2"), ("questions[]", "3"), ("questions[]", "4")],
            [("display_name", "Ok"), ("parent_id", "999999999")],
            [("display_name", "Ok"), ("parent_id", "abc")],
        ];
        foreach (var fields in bad)
        {
            var error = await PostAsync(me, "/api/v1/groups", fields, HttpStatusCode.UnprocessableEntity);
            Assert.False(string.IsNullOrWhiteSpace(Error(error)));
        }
        Assert.Empty((await GetAsync(me, "/api/v1/groups")).EnumerateArray());

        var id = await CreateGroupAsync(me, "Kept as is");
        await SendAsync(me, HttpMethod.Put, $"/api/v1/groups/{id}", [("display_name", "Changed"), ("radius_km", "501")], HttpStatusCode.UnprocessableEntity);
        Assert.Equal("Kept as is", (await GetAsync(me, $"/api/v1/groups/{id}")).GetProperty("display_name").GetString());
        var taken = await PostAsync(me, "/api/v1/groups", [("display_name", "Other"), ("slug", "kept-as-is")], HttpStatusCode.UnprocessableEntity);
        Assert.Contains("taken", Error(taken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupsOthersMayNotSeeAreNotFoundAndChangesByNonAdminsAreForbidden()
    {
        var (_, owner) = await MemberAsync("ga_nf_owner");
        var (_, member) = await MemberAsync("ga_nf_member");
        var (_, outsider) = await MemberAsync("ga_nf_outsider");
        var secret = await CreateGroupAsync(owner, "Hidden circle", ("visibility", "secret"));
        var members = await CreateGroupAsync(owner, "Members circle", ("group_visibility", "members_only"));
        var open = await CreateGroupAsync(owner, "Open circle");
        await PostAsync(member, $"/api/v1/groups/{open}/join");

        await GetAsync(outsider, $"/api/v1/groups/{secret}", HttpStatusCode.NotFound);
        await GetAsync(outsider, "/api/v1/groups/lookup?name=hidden-circle", HttpStatusCode.NotFound);
        await PostAsync(outsider, $"/api/v1/groups/{secret}/join", expected: HttpStatusCode.NotFound);
        await GetAsync(outsider, $"/api/v1/timelines/group/{secret}", HttpStatusCode.NotFound);
        await GetAsync(outsider, $"/api/v1/groups/{secret}/memberships", HttpStatusCode.NotFound);
        await SendAsync(outsider, HttpMethod.Put, $"/api/v1/groups/{secret}", [("display_name", "Mine now")], HttpStatusCode.NotFound);
        await SendAsync(outsider, HttpMethod.Delete, $"/api/v1/groups/{secret}", expected: HttpStatusCode.NotFound);
        Assert.Empty((await GetAsync(outsider, $"/api/v1/groups/relationships?id[]={secret}")).EnumerateArray());
        await GetAsync(null, $"/api/v1/groups/{members}", HttpStatusCode.NotFound);
        await GetAsync(null, $"/api/v1/timelines/group/{members}", HttpStatusCode.NotFound);
        await GetAsync(outsider, "/api/v1/groups/123456789", HttpStatusCode.NotFound);
        await GetAsync(outsider, "/api/v1/groups/abc", HttpStatusCode.NotFound);
        // A members-only group's member list is for its members.
        await GetAsync(outsider, $"/api/v1/groups/{members}/memberships", HttpStatusCode.Forbidden);

        var forbidden = await SendAsync(member, HttpMethod.Put, $"/api/v1/groups/{open}", [("display_name", "Taken over")], HttpStatusCode.Forbidden);
        Assert.False(string.IsNullOrWhiteSpace(Error(forbidden)));
        await SendAsync(member, HttpMethod.Delete, $"/api/v1/groups/{open}", expected: HttpStatusCode.Forbidden);
        Assert.Equal("Open circle", (await GetAsync(member, $"/api/v1/groups/{open}")).GetProperty("display_name").GetString());
    }

    [Fact]
    public async Task JoiningFollowsTheJoinPolicyAndRequestsAreDecidedByModerators()
    {
        var (_, owner) = await MemberAsync("ga_join_owner");
        var (askerId, asker) = await MemberAsync("ga_join_asker");
        var (otherId, other) = await MemberAsync("ga_join_other");
        var open = await CreateGroupAsync(owner, "Join open", ("rules", "Be kind."));
        var approval = await CreateGroupAsync(owner, "Join approval", ("join_policy", "approval"), ("questions[]", "Why?"));
        var invite = await CreateGroupAsync(owner, "Join invite", ("join_policy", "invite_only"));

        await PostAsync(asker, $"/api/v1/groups/{open}/join", [("accept_rules", "false")], HttpStatusCode.UnprocessableEntity);
        var joined = await PostAsync(asker, $"/api/v1/groups/{open}/join");
        Assert.True(joined.GetProperty("member").GetBoolean());
        Assert.Equal("user", joined.GetProperty("role").GetString());
        Assert.Equal(2, (await GetAsync(asker, $"/api/v1/groups/{open}")).GetProperty("members_count").GetInt32());

        await PostAsync(asker, $"/api/v1/groups/{approval}/join", [("answers[]", "a"), ("answers[]", "b")], HttpStatusCode.UnprocessableEntity);
        var requested = await PostAsync(asker, $"/api/v1/groups/{approval}/join", [("answers[]", "I garden")]);
        Assert.True(requested.GetProperty("requested").GetBoolean());
        Assert.False(requested.GetProperty("member").GetBoolean());
        await PostAsync(other, $"/api/v1/groups/{approval}/join");
        Assert.Equal([approval], (await GetAsync(asker, "/api/v1/groups?pending=true")).EnumerateArray().Select(Id));
        Assert.True((await RelationshipAsync(owner, approval)).GetProperty("pending_requests").GetBoolean());
        Assert.Equal(new[] { askerId, otherId }.Order(), (await GetAsync(owner, $"/api/v1/groups/{approval}/membership_requests")).EnumerateArray().Select(Id).Order());
        await GetAsync(asker, $"/api/v1/groups/{approval}/membership_requests", HttpStatusCode.Forbidden);
        await PostAsync(asker, $"/api/v1/groups/{approval}/membership_requests/{otherId}/authorize", expected: HttpStatusCode.Forbidden);

        await PostAsync(owner, $"/api/v1/groups/{approval}/membership_requests/{askerId}/authorize");
        await PostAsync(owner, $"/api/v1/groups/{approval}/membership_requests/{otherId}/reject");
        await PostAsync(owner, $"/api/v1/groups/{approval}/membership_requests/{otherId}/reject", expected: HttpStatusCode.NotFound);
        Assert.True((await RelationshipAsync(asker, approval)).GetProperty("member").GetBoolean());
        var rejected = await RelationshipAsync(other, approval);
        Assert.False(rejected.GetProperty("member").GetBoolean() || rejected.GetProperty("requested").GetBoolean());
        Assert.Empty((await GetAsync(owner, $"/api/v1/groups/{approval}/membership_requests")).EnumerateArray());

        var refused = await PostAsync(asker, $"/api/v1/groups/{invite}/join", expected: HttpStatusCode.Forbidden);
        Assert.Contains("invitation", Error(refused), StringComparison.Ordinal);

        // The owner must hand the group over before leaving; a member simply leaves.
        await PostAsync(owner, $"/api/v1/groups/{open}/leave", expected: HttpStatusCode.UnprocessableEntity);
        Assert.False((await PostAsync(asker, $"/api/v1/groups/{open}/leave")).GetProperty("member").GetBoolean());
        Assert.Equal(1, (await GetAsync(owner, $"/api/v1/groups/{open}")).GetProperty("members_count").GetInt32());
    }

    [Fact]
    public async Task ModeratorsHearOfRequestsAndTheAskerHearsOfTheApproval()
    {
        var (_, owner) = await MemberAsync("ga_note_owner");
        var (modId, mod) = await MemberAsync("ga_note_mod");
        var (askerId, asker) = await MemberAsync("ga_note_asker");
        var (_, member) = await MemberAsync("ga_note_member");
        var group = await CreateGroupAsync(owner, "Noted", ("join_policy", "approval"));
        await PostAsync(mod, $"/api/v1/groups/{group}/join");
        await PostAsync(member, $"/api/v1/groups/{group}/join");
        var modNow = await GetAsync(owner, $"/api/v1/groups/{group}/membership_requests");
        Assert.Equal(2, modNow.GetArrayLength());
        await PostAsync(owner, $"/api/v1/groups/{group}/membership_requests/{modId}/authorize");
        await PostAsync(owner, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId), ("role", "moderator")]);
        // The member's request is decided too, so only the asker's request below is left in the queue.
        await PostAsync(owner, $"/api/v1/groups/{group}/membership_requests/{Id((await GetAsync(owner, $"/api/v1/groups/{group}/membership_requests")).EnumerateArray().First())}/authorize");

        await PostAsync(asker, $"/api/v1/groups/{group}/join");
        foreach (var token in new[] { owner, mod })
        {
            var request = (await GetAsync(token, "/api/v1/notifications")).EnumerateArray().First(n => n.GetProperty("type").GetString() == "group_request");
            Assert.Equal(askerId, request.GetProperty("account").GetProperty("id").GetString());
            Assert.Equal(group, request.GetProperty("group").GetProperty("id").GetString());
            // Clients that ask for the Mastodon types they know never see it.
            Assert.DoesNotContain((await GetAsync(token, "/api/v1/notifications?types[]=mention&types[]=follow")).EnumerateArray(), n => n.GetProperty("type").GetString() == "group_request");
        }
        Assert.DoesNotContain((await GetAsync(member, "/api/v1/notifications")).EnumerateArray(), n => n.GetProperty("type").GetString() == "group_request");

        await PostAsync(mod, $"/api/v1/groups/{group}/membership_requests/{askerId}/authorize");
        var approval = (await GetAsync(asker, "/api/v1/notifications")).EnumerateArray().Single(n => n.GetProperty("type").GetString() == "group_approval");
        Assert.Equal(modId, approval.GetProperty("account").GetProperty("id").GetString());
        Assert.Equal(group, approval.GetProperty("group").GetProperty("id").GetString());
        // The request is decided, so its notification is gone for every moderator.
        Assert.DoesNotContain((await GetAsync(owner, "/api/v1/notifications")).EnumerateArray(), n => n.GetProperty("type").GetString() == "group_request" && n.GetProperty("account").GetProperty("id").GetString() == askerId);
    }

    [Fact]
    public async Task RolesArePromotedDemotedListedAndOwnershipTransferred()
    {
        var (ownerId, owner) = await MemberAsync("ga_roles_owner");
        var (adminId, admin) = await MemberAsync("ga_roles_admin");
        var (modId, mod) = await MemberAsync("ga_roles_mod");
        var group = await CreateGroupAsync(owner, "Roles API");
        await PostAsync(admin, $"/api/v1/groups/{group}/join");
        await PostAsync(mod, $"/api/v1/groups/{group}/join");

        var promoted = Assert.Single((await PostAsync(owner, $"/api/v1/groups/{group}/promote", [("account_ids[]", adminId), ("role", "admin")])).EnumerateArray());
        Assert.Equal("admin", promoted.GetProperty("role").GetString());
        Assert.Equal(adminId, promoted.GetProperty("account").GetProperty("id").GetString());
        await PostAsync(admin, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId), ("role", "moderator")]);
        await PostAsync(admin, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId), ("role", "admin")], HttpStatusCode.Forbidden);
        await PostAsync(mod, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId), ("role", "admin")], HttpStatusCode.Forbidden);
        await PostAsync(owner, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId), ("role", "user")], HttpStatusCode.UnprocessableEntity);
        await PostAsync(owner, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId), ("role", "chief")], HttpStatusCode.UnprocessableEntity);
        await PostAsync(owner, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId)], HttpStatusCode.UnprocessableEntity);

        Assert.Equal([adminId], (await GetAsync(owner, $"/api/v1/groups/{group}/memberships?role=admin")).EnumerateArray().Select(Id));
        Assert.Equal([modId], (await GetAsync(owner, $"/api/v1/groups/{group}/memberships?role=moderator")).EnumerateArray().Select(Id));
        Assert.Equal(3, (await GetAsync(null, $"/api/v1/groups/{group}/memberships")).GetArrayLength());

        await PostAsync(admin, $"/api/v1/groups/{group}/demote", [("account_ids[]", modId), ("role", "user")]);
        Assert.Equal("user", (await RelationshipAsync(mod, group)).GetProperty("role").GetString());
        await PostAsync(owner, $"/api/v1/groups/{group}/demote", [("account_ids[]", modId), ("role", "admin")], HttpStatusCode.UnprocessableEntity);

        await PostAsync(admin, $"/api/v1/groups/{group}/transfer", [("account_id", adminId)], HttpStatusCode.Forbidden);
        await PostAsync(owner, $"/api/v1/groups/{group}/transfer", [], HttpStatusCode.UnprocessableEntity);
        var transferred = await PostAsync(owner, $"/api/v1/groups/{group}/transfer", [("account_id", adminId)]);
        Assert.Equal(adminId, transferred.GetProperty("owner").GetProperty("id").GetString());
        Assert.Equal("admin", (await RelationshipAsync(owner, group)).GetProperty("role").GetString());
        Assert.Equal([ownerId], (await GetAsync(admin, $"/api/v1/groups/{group}/memberships?role=admin")).EnumerateArray().Select(Id));
    }

    [Fact]
    public async Task BannedPeopleLoseMembershipAndCannotRejoinUntilUnbanned()
    {
        var (_, owner) = await MemberAsync("ga_ban_owner");
        var (memberId, member) = await MemberAsync("ga_ban_member");
        var (kickedId, kicked) = await MemberAsync("ga_ban_kicked");
        var group = await CreateGroupAsync(owner, "Ban API");
        await PostAsync(member, $"/api/v1/groups/{group}/join");
        await PostAsync(kicked, $"/api/v1/groups/{group}/join");

        await PostAsync(member, $"/api/v1/groups/{group}/blocks", [("account_ids[]", kickedId)], HttpStatusCode.Forbidden);
        await PostAsync(owner, $"/api/v1/groups/{group}/blocks", [], HttpStatusCode.UnprocessableEntity);
        await PostAsync(owner, $"/api/v1/groups/{group}/blocks", [("account_ids[]", memberId), ("reason", "Spam")]);
        var banned = await RelationshipAsync(member, group);
        Assert.False(banned.GetProperty("member").GetBoolean());
        Assert.True(banned.GetProperty("banned").GetBoolean());
        Assert.Equal([memberId], (await GetAsync(owner, $"/api/v1/groups/{group}/blocks")).EnumerateArray().Select(Id));
        await GetAsync(member, $"/api/v1/groups/{group}/blocks", HttpStatusCode.Forbidden);
        await PostAsync(member, $"/api/v1/groups/{group}/join", expected: HttpStatusCode.Forbidden);
        await PostStatusAsync(member, "Still here?", group, expected: HttpStatusCode.Forbidden);

        await PostAsync(owner, $"/api/v1/groups/{group}/kick", [("account_ids[]", kickedId)]);
        Assert.False((await RelationshipAsync(kicked, group)).GetProperty("member").GetBoolean());
        Assert.Equal(1, (await GetAsync(owner, $"/api/v1/groups/{group}")).GetProperty("members_count").GetInt32());

        await SendAsync(owner, HttpMethod.Delete, $"/api/v1/groups/{group}/blocks", [("account_ids[]", memberId)]);
        Assert.Empty((await GetAsync(owner, $"/api/v1/groups/{group}/blocks")).EnumerateArray());
        Assert.True((await PostAsync(member, $"/api/v1/groups/{group}/join")).GetProperty("member").GetBoolean());
    }

    [Fact]
    public async Task MembersPostIntoAGroupWithItsAudienceAndRepliesStayInTheGroup()
    {
        var (_, owner) = await MemberAsync("ga_post_owner");
        var (_, member) = await MemberAsync("ga_post_member");
        var (_, outsider) = await MemberAsync("ga_post_outsider");
        var open = await CreateGroupAsync(owner, "Post open");
        var closed = await CreateGroupAsync(owner, "Post closed", ("group_visibility", "members_only"));
        var secret = await CreateGroupAsync(owner, "Post secret", ("visibility", "secret"));
        await PostAsync(member, $"/api/v1/groups/{open}/join");

        // A client asking for "direct" still gets the group's audience.
        var status = await PostAsync(member, "/api/v1/statuses", [("status", "Hello garden"), ("group_id", open), ("visibility", "direct")]);
        Assert.Equal("public", status.GetProperty("visibility").GetString());
        Assert.Equal(open, status.GetProperty("group").GetProperty("id").GetString());
        Assert.Equal("everyone", status.GetProperty("group").GetProperty("group_visibility").GetString());
        var closedPost = await PostStatusAsync(owner, "Members only here", closed);
        Assert.Equal("members_only", closedPost.GetProperty("kindred").GetProperty("visibility").GetString());
        Assert.Equal(JsonValueKind.Null, (await app.PostStatusAsync(member, "Not in a group")).GetProperty("group").ValueKind);

        await PostStatusAsync(outsider, "Let me in", open, expected: HttpStatusCode.Forbidden);
        await PostStatusAsync(outsider, "Let me in", closed, expected: HttpStatusCode.Forbidden);
        await PostStatusAsync(outsider, "Let me in", secret, expected: HttpStatusCode.NotFound);
        await PostStatusAsync(outsider, "Let me in", "123456789", expected: HttpStatusCode.NotFound);
        // Replying to a group post puts the reply in the group, so only members may; it cannot move to another group.
        await PostAsync(outsider, "/api/v1/statuses", [("status", "Nice"), ("in_reply_to_id", Id(status))], HttpStatusCode.Forbidden);
        await PostStatusAsync(owner, "Elsewhere", closed, Id(status), HttpStatusCode.UnprocessableEntity);
        var reply = await PostAsync(owner, "/api/v1/statuses", [("status", "Welcome"), ("in_reply_to_id", Id(status))]);
        Assert.Equal(open, reply.GetProperty("group").GetProperty("id").GetString());

        Assert.Equal([Id(reply), Id(status)], await TimelineAsync(null, open));
        Assert.NotNull((await GetAsync(owner, $"/api/v1/groups/{open}")).GetProperty("kindred").GetProperty("last_status_at").GetString());
    }

    [Fact]
    public async Task ModeratorsPinAndRemovePostsAndPinnedPostsLeadTheFirstPage()
    {
        var (_, owner) = await MemberAsync("ga_pin_owner");
        var (modId, mod) = await MemberAsync("ga_pin_mod");
        var (_, member) = await MemberAsync("ga_pin_member");
        var group = await CreateGroupAsync(owner, "Pins");
        await PostAsync(mod, $"/api/v1/groups/{group}/join");
        await PostAsync(member, $"/api/v1/groups/{group}/join");
        await PostAsync(owner, $"/api/v1/groups/{group}/promote", [("account_ids[]", modId), ("role", "moderator")]);
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Insert(0, Id(await PostStatusAsync(member, $"post {i}", group)));
        }
        var oldest = ids[^1];
        await PostAsync(member, $"/api/v1/groups/{group}/statuses/{oldest}/pin", expected: HttpStatusCode.Forbidden);
        await PostAsync(mod, $"/api/v1/groups/{group}/statuses/{oldest}/pin");
        await PostAsync(mod, $"/api/v1/groups/{group}/statuses/123456789/pin", expected: HttpStatusCode.NotFound);
        Assert.Equal([oldest, .. ids[..3]], await TimelineAsync(member, group));
        // Later pages carry no pins on top; the pinned post is in its place in time there, as on a profile.
        Assert.Equal([ids[1], ids[2], oldest], await TimelineAsync(member, group, $"?max_id={ids[0]}"));
        await PostAsync(mod, $"/api/v1/groups/{group}/statuses/{oldest}/unpin");
        Assert.Equal(ids, await TimelineAsync(member, group));

        await SendAsync(member, HttpMethod.Delete, $"/api/v1/groups/{group}/statuses/{ids[0]}", expected: HttpStatusCode.Forbidden);
        await SendAsync(mod, HttpMethod.Delete, $"/api/v1/groups/{group}/statuses/{ids[0]}");
        await GetAsync(member, $"/api/v1/statuses/{ids[0]}", HttpStatusCode.NotFound);
        Assert.Equal(ids[1..], await TimelineAsync(member, group));
        // A post of another group is not this group's to remove.
        var other = await CreateGroupAsync(mod, "Other pins");
        var elsewhere = Id(await PostStatusAsync(mod, "elsewhere", other));
        await SendAsync(owner, HttpMethod.Delete, $"/api/v1/groups/{group}/statuses/{elsewhere}", expected: HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APublicSubGroupsPostsSurfaceInItsParentButNotANonPublicOnes()
    {
        var (_, owner) = await MemberAsync("ga_sub_owner");
        var parent = await CreateGroupAsync(owner, "National");
        var chapter = await CreateGroupAsync(owner, "Lyon chapter", ("parent_id", parent));
        var quiet = await CreateGroupAsync(owner, "Quiet chapter", ("parent_id", parent), ("surface_in_parent", "false"));
        var closed = await CreateGroupAsync(owner, "Closed chapter", ("parent_id", parent), ("group_visibility", "members_only"));
        var own = Id(await PostStatusAsync(owner, "national news", parent));
        var surfaced = Id(await PostStatusAsync(owner, "chapter news", chapter));
        await PostStatusAsync(owner, "quiet news", quiet);
        await PostStatusAsync(owner, "closed news", closed);
        Assert.Equal([surfaced, own], await TimelineAsync(owner, parent));
        Assert.Equal(parent, (await GetAsync(owner, $"/api/v1/groups/{chapter}")).GetProperty("kindred").GetProperty("parent_id").GetString());
        // A group cannot become a chapter of its own chapter.
        await SendAsync(owner, HttpMethod.Put, $"/api/v1/groups/{parent}", [("parent_id", chapter)], HttpStatusCode.UnprocessableEntity);
        var cleared = await SendAsync(owner, HttpMethod.Put, $"/api/v1/groups/{chapter}", [("parent_id", "")]);
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("kindred").GetProperty("parent_id").ValueKind);
    }

    [Fact]
    public async Task TheGroupTimelineAndMemberListArePagedWithLinkHeaders()
    {
        var (_, owner) = await MemberAsync("ga_page_owner");
        var group = await CreateGroupAsync(owner, "Paged group");
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Insert(0, Id(await PostStatusAsync(owner, $"post {i}", group)));
        }
        var first = await app.Api(owner).GetAsync($"/api/v1/timelines/group/{group}?limit=2");
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains($"/api/v1/timelines/group/{group}?limit=2&max_id={ids[1]}", link, StringComparison.Ordinal);
        Assert.Contains($"min_id={ids[0]}", link, StringComparison.Ordinal);
        Assert.Equal(ids[..2], (await KindredApp.Json(first, HttpStatusCode.OK)).EnumerateArray().Select(Id));
        Assert.Equal(ids[2..4], await TimelineAsync(owner, group, $"?limit=2&max_id={ids[1]}"));
        Assert.Equal([ids[3]], await TimelineAsync(owner, group, $"?limit=1&min_id={ids[4]}"));
        Assert.Equal([ids[0]], await TimelineAsync(owner, group, $"?limit=1&since_id={ids[4]}"));
        Assert.Empty(await TimelineAsync(owner, group, $"?min_id={ids[0]}"));
        var empty = await app.Api(owner).GetAsync($"/api/v1/timelines/group/{group}?max_id={ids[4]}");
        Assert.False(empty.Headers.Contains("Link"));
        await GetAsync(owner, $"/api/v1/timelines/group/{group}?max_id=abc", HttpStatusCode.UnprocessableEntity);

        var members = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (id, token) = await MemberAsync($"ga_page_m{i}");
            await PostAsync(token, $"/api/v1/groups/{group}/join");
            members.Add(id);
        }
        var all = (await GetAsync(owner, $"/api/v1/groups/{group}/memberships")).EnumerateArray().Select(Id).ToList();
        Assert.Equal(4, all.Count);
        var firstMembers = await app.Api(owner).GetAsync($"/api/v1/groups/{group}/memberships?limit=2");
        Assert.Contains($"max_id={all[1]}", firstMembers.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
        Assert.Equal(all[2..], (await GetAsync(owner, $"/api/v1/groups/{group}/memberships?limit=2&max_id={all[1]}")).EnumerateArray().Select(Id));
        Assert.Equal([all[^2]], (await GetAsync(owner, $"/api/v1/groups/{group}/memberships?limit=1&min_id={all[^1]}")).EnumerateArray().Select(Id));
    }

    public static TheoryData<string, string, string> Endpoints => new()
    {
        { "GET", "/api/v1/groups", "read" },
        { "POST", "/api/v1/groups", "write" },
        { "GET", "/api/v1/groups/relationships?id[]={group}", "read" },
        { "GET", "/api/v1/groups/lookup?name={slug}", "read" },
        { "GET", "/api/v1/groups/{group}", "read" },
        { "PUT", "/api/v1/groups/{group}", "write" },
        { "PATCH", "/api/v1/groups/{group}", "write" },
        { "DELETE", "/api/v1/groups/{group}", "write" },
        { "POST", "/api/v1/groups/{group}/join", "write" },
        { "POST", "/api/v1/groups/{group}/leave", "write" },
        { "GET", "/api/v1/groups/{group}/memberships", "read" },
        { "GET", "/api/v1/groups/{group}/membership_requests", "read" },
        { "POST", "/api/v1/groups/{group}/membership_requests/{friend}/authorize", "write" },
        { "POST", "/api/v1/groups/{group}/membership_requests/{friend}/reject", "write" },
        { "POST", "/api/v1/groups/{group}/promote", "write" },
        { "POST", "/api/v1/groups/{group}/demote", "write" },
        { "POST", "/api/v1/groups/{group}/transfer", "write" },
        { "POST", "/api/v1/groups/{group}/kick", "write" },
        { "GET", "/api/v1/groups/{group}/blocks", "read" },
        { "POST", "/api/v1/groups/{group}/blocks", "write" },
        { "DELETE", "/api/v1/groups/{group}/blocks", "write" },
        { "POST", "/api/v1/groups/{group}/statuses/{status}/pin", "write" },
        { "POST", "/api/v1/groups/{group}/statuses/{status}/unpin", "write" },
        { "DELETE", "/api/v1/groups/{group}/statuses/{status}", "write" },
        { "GET", "/api/v1/timelines/group/{group}", "read" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachMethodNeedsItsScope(string method, string path, string scope)
    {
        var username = "ga_scope" + Interlocked.Increment(ref scopeUsers).ToString(CultureInfo.InvariantCulture);
        var (_, full) = await MemberAsync(username);
        var (friendId, friend) = await MemberAsync(username + "f");
        var group = await CreateGroupAsync(full, "Scoped " + username);
        var slug = (await GetAsync(full, $"/api/v1/groups/{group}")).GetProperty("slug").GetString()!;
        var status = Id(await PostStatusAsync(full, "scoped post", group));
        var url = path.Replace("{group}", group, StringComparison.Ordinal).Replace("{slug}", slug, StringComparison.Ordinal)
            .Replace("{friend}", friendId, StringComparison.Ordinal).Replace("{status}", status, StringComparison.Ordinal);
        var other = scope == "read" ? "write" : "read";
        var lacking = await app.TokenAsync(username, other);
        HttpRequestMessage Request() => new(new HttpMethod(method), url)
        {
            Content = method is "GET" ? null : new FormUrlEncodedContent([new("display_name", "Changed"), new("account_ids[]", friendId), new("role", "moderator")]),
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Api(lacking).SendAsync(Request())).StatusCode);
        // Nothing changed: the group is still there with its name, its one member and its post.
        var group1 = await GetAsync(full, $"/api/v1/groups/{group}");
        Assert.Equal("Scoped " + username, group1.GetProperty("display_name").GetString());
        Assert.Equal(1, group1.GetProperty("members_count").GetInt32());
        Assert.Equal([status], await TimelineAsync(full, group));
        Assert.False((await RelationshipAsync(friend, group)).GetProperty("banned").GetBoolean());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryGroupsEndpoint()
    {
        var document = await GetAsync(null, "/openapi/v1.json");
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/v1/groups", "/api/v1/groups/relationships", "/api/v1/groups/lookup", "/api/v1/groups/{id}", "/api/v1/groups/{id}/join",
            "/api/v1/groups/{id}/leave", "/api/v1/groups/{id}/memberships", "/api/v1/groups/{id}/membership_requests",
            "/api/v1/groups/{id}/membership_requests/{accountId}/authorize", "/api/v1/groups/{id}/membership_requests/{accountId}/reject",
            "/api/v1/groups/{id}/promote", "/api/v1/groups/{id}/demote", "/api/v1/groups/{id}/transfer", "/api/v1/groups/{id}/kick",
            "/api/v1/groups/{id}/blocks", "/api/v1/groups/{id}/statuses/{statusId}/pin", "/api/v1/groups/{id}/statuses/{statusId}/unpin",
            "/api/v1/groups/{id}/statuses/{statusId}", "/api/v1/timelines/group/{id}",
        ];
        foreach (var path in expected)
        {
            Assert.True(paths.TryGetProperty(path, out var item), $"{path} is not in the OpenAPI document");
            foreach (var operation in item.EnumerateObject().Where(o => o.Value.ValueKind == JsonValueKind.Object && o.Value.TryGetProperty("responses", out _)))
            {
                Assert.False(string.IsNullOrWhiteSpace(operation.Value.GetProperty("summary").GetString()), $"{operation.Name} {path} has no summary");
            }
        }
    }
}

public sealed class GroupsApiSqliteTests(SqliteApp app) : GroupsApiTests(app), IClassFixture<SqliteApp>;

public sealed class GroupsApiPostgresTests(PostgresApp app) : GroupsApiTests(app), IClassFixture<PostgresApp>;
