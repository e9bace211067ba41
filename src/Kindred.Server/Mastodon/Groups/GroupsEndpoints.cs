using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Core.Statuses;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;
using Kindred.Server.Mastodon.Statuses;

namespace Kindred.Server.Mastodon.Groups;

/// <summary>
/// Groups in the shape of Truth Social's groups API, which Soapbox speaks (ADR 21). Reading takes the "read" scope and
/// writing "write" (Mastodon has no groups scope). A group the caller may not see is a 404 on every method; one they
/// see but may not change is a 403.
/// </summary>
public static class GroupsEndpoints
{
    public static RouteGroupBuilder MapGroupsEndpoints(this RouteGroupBuilder api)
    {
        var groups = api.MapGroup("/v1/groups").WithTags("Groups");
        groups.MapGet("", Mine).WithSummary("The caller's groups (pending=true: the groups the caller asked to join)");
        groups.MapPost("", Create).WithSummary("Create a group (display_name, note, rules, slug, visibility public|members_only|secret or group_visibility everyone|members_only, join_policy open|approval|invite_only, kind, tags[], questions[], area_name, latitude, longitude, radius_km, parent_id, surface_in_parent; as multipart/form-data also the image files avatar and header); the caller becomes its owner");
        groups.MapGet("/relationships", Relationships).WithSummary("The caller's relationship to groups (id[]); groups the caller may not see are left out");
        groups.MapGet("/lookup", Lookup).WithSummary("A group by its address (name=slug)");
        groups.MapGet("/{id}", Get).WithSummary("A group (404 when the caller may not see it: secret groups to non-members, members-only groups to anonymous callers)");
        groups.MapPut("/{id}", Update).WithSummary("Change a group's settings (same fields as create, including the avatar and header files; an empty avatar or header removes it; admins and the owner)");
        groups.MapPatch("/{id}", Update).WithSummary("The same as PUT: change a group's settings, including the avatar and header files (admins and the owner)");
        groups.MapDelete("/{id}", Delete).WithSummary("Delete a group and its posts (the owner)");
        groups.MapPost("/{id}/join", Join).WithSummary("Join a group (open: at once; approval: files a request with answers[]; invite-only: refused). Joining through the API accepts the group's rules unless accept_rules=false");
        groups.MapPost("/{id}/leave", Leave).WithSummary("Leave a group or withdraw a request (the owner must transfer ownership first)");
        groups.MapGet("/{id}/memberships", Members).WithSummary("A group's members with their roles (role=owner|admin|moderator|user); members-only and secret groups list them to members only");
        groups.MapGet("/{id}/membership_requests", Requests).WithSummary("The accounts waiting to join (moderators and above)");
        groups.MapPost("/{id}/membership_requests/{accountId}/authorize", Authorize).WithSummary("Accept a request to join (moderators and above)");
        groups.MapPost("/{id}/membership_requests/{accountId}/reject", Reject).WithSummary("Turn down a request to join (moderators and above)");
        groups.MapPost("/{id}/promote", Promote).WithSummary("Give members (account_ids[]) a higher role (role=admin|moderator); only the owner makes admins");
        groups.MapPost("/{id}/demote", Demote).WithSummary("Give members (account_ids[]) a lower role (role=moderator|user); only the owner unmakes admins");
        groups.MapPost("/{id}/transfer", Transfer).WithSummary("Hand the group to another member (account_id); the owner becomes an admin");
        groups.MapPost("/{id}/kick", Kick).WithSummary("Remove members (account_ids[]) who may ask to join again (moderators and above, over lower roles)");
        groups.MapGet("/{id}/blocks", Bans).WithSummary("The accounts banned from a group (moderators and above)");
        groups.MapPost("/{id}/blocks", Ban).WithSummary("Ban accounts (account_ids[], optional reason): their membership and request go and they cannot rejoin or read non-public posts");
        groups.MapDelete("/{id}/blocks", Unban).WithSummary("Lift bans (account_ids[])");
        groups.MapPost("/{id}/statuses/{statusId}/pin", Pin).WithSummary("Pin a post to the top of the group's feed (moderators and above; at most 5)");
        groups.MapPost("/{id}/statuses/{statusId}/unpin", Unpin).WithSummary("Unpin a post of the group (moderators and above)");
        groups.MapDelete("/{id}/statuses/{statusId}", RemoveStatus).WithSummary("Remove (delete) a post from the group (moderators and above)");
        api.MapGet("/v1/timelines/group/{id}", Timeline).WithSummary("A group's posts, newest first, pinned posts first on the first page; a public sub-group's posts surface in its parent").WithTags("Timelines");
        return api;
    }

    private static async Task<IResult> Mine(HttpContext context, GroupQueries queries, GroupRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var page = Pagination.Read(input, 20, GroupQueries.MaxLimit);
        var groups = input.Bool("pending") == true
            ? await queries.RequestedByAsync(me, page, context.RequestAborted)
            : await queries.MembershipsOfAsync(me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, groups.Select(g => g.Id).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(groups, context.RequestAborted));
    }

    private static async Task<IResult> Create(HttpContext context, GroupService service, GroupQueries queries, GroupRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var values = await MastodonParams.ReadAsync(context.Request);
        await using var avatar = GroupParams.File(values, "avatar");
        await using var header = GroupParams.File(values, "header");
        var input = GroupParams.Read(values) with { Avatar = avatar, Header = header };
        var group = await service.CreateAsync(me, input, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(Viewer.Member(me), group.Id, context.RequestAborted), context.RequestAborted));
    }

    private static async Task<IResult> Relationships(HttpContext context, GroupQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var ids = input.List("id").Select(v => Ids.TryParse(v, out var n) ? n : -1).Where(n => n > 0).Distinct().Take(GroupQueries.MaxLimit).ToList();
        var relationships = await queries.RelationshipsAsync(me, ids, context.RequestAborted);
        var result = new List<MastodonGroupRelationship>();
        foreach (var relationship in relationships)
        {
            var pending = GroupAccess.CanModerate(relationship.Role) && await queries.PendingRequestCountAsync(relationship.GroupId, context.RequestAborted) > 0;
            result.Add(GroupRenderer.RenderRelationship(relationship, pending));
        }
        return MastodonJson.Ok(result);
    }

    private static async Task<IResult> Lookup(HttpContext context, GroupQueries queries, GroupRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var group = await queries.GetBySlugAsync(viewer, input.Value("name", 100) ?? "", context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(group, context.RequestAborted));
    }

    private static async Task<IResult> Get(string id, HttpContext context, GroupQueries queries, GroupRenderer renderer)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var group = await queries.GetAsync(viewer, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(group, context.RequestAborted));
    }

    private static async Task<IResult> Update(string id, HttpContext context, GroupService service, GroupQueries queries, GroupRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var groupId = StatusesEndpoints.ParseId(id);
        var values = await MastodonParams.ReadAsync(context.Request);
        await using var avatar = GroupParams.File(values, "avatar");
        await using var header = GroupParams.File(values, "header");
        var input = GroupParams.Read(values) with
        {
            Avatar = avatar,
            Header = header,
            RemoveAvatar = GroupParams.Removes(values, "avatar"),
            RemoveHeader = GroupParams.Removes(values, "header"),
        };
        await service.UpdateAsync(me, groupId, input, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(Viewer.Member(me), groupId, context.RequestAborted), context.RequestAborted));
    }

    private static async Task<IResult> Delete(string id, HttpContext context, GroupService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        await service.DeleteAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Join(string id, HttpContext context, GroupService service, GroupQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var input = await MastodonParams.ReadAsync(context.Request);
        // Mastodon clients have no rules step; the group's rules are in its entity, and a client that shows them may
        // send accept_rules=false to leave the choice to the person.
        var relationship = await service.JoinAsync(me, StatusesEndpoints.ParseId(id), input.Bool("accept_rules") ?? true, input.List("answers"), context.RequestAborted);
        return MastodonJson.Ok(GroupRenderer.RenderRelationship(relationship, false));
    }

    private static async Task<IResult> Leave(string id, HttpContext context, GroupService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var relationship = await service.LeaveAsync(me, StatusesEndpoints.ParseId(id), context.RequestAborted);
        return MastodonJson.Ok(GroupRenderer.RenderRelationship(relationship, false));
    }

    private static async Task<IResult> Members(string id, HttpContext context, GroupQueries queries, AccountRenderer accounts, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var role = GroupRenderer.ParseRole(input.Value("role", 30));
        var page = Pagination.Read(input, 40, GroupQueries.MaxLimit);
        var rows = await queries.MembersAsync(viewer, StatusesEndpoints.ParseId(id), role, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        var rendered = await accounts.RenderManyAsync(rows.Select(r => r.Account).ToList(), viewer.AccountId, context.RequestAborted);
        return MastodonJson.Ok(rows.Zip(rendered, (row, account) => new MastodonGroupMember(account.Id, account, GroupRenderer.RoleName(row.Role))).ToList());
    }

    private static async Task<IResult> Requests(string id, HttpContext context, GroupQueries queries, AccountRenderer accounts, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), 40, GroupQueries.MaxLimit);
        var rows = await queries.RequestsAsync(me, StatusesEndpoints.ParseId(id), page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await accounts.RenderManyAsync(rows.Select(r => r.Account).ToList(), me, context.RequestAborted));
    }

    private static async Task<IResult> Authorize(string id, string accountId, HttpContext context, GroupService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        await service.AuthorizeRequestAsync(me, StatusesEndpoints.ParseId(id), StatusesEndpoints.ParseId(accountId), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Reject(string id, string accountId, HttpContext context, GroupService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        await service.RejectRequestAsync(me, StatusesEndpoints.ParseId(id), StatusesEndpoints.ParseId(accountId), context.RequestAborted);
        return MastodonJson.Ok(new { });
    }

    private static Task<IResult> Promote(string id, HttpContext context, GroupService service, GroupQueries queries, AccountRenderer accounts) =>
        ChangeRoleAsync(id, context, service, queries, accounts, promote: true);

    private static Task<IResult> Demote(string id, HttpContext context, GroupService service, GroupQueries queries, AccountRenderer accounts) =>
        ChangeRoleAsync(id, context, service, queries, accounts, promote: false);

    private static async Task<IResult> ChangeRoleAsync(string id, HttpContext context, GroupService service, GroupQueries queries, AccountRenderer accounts, bool promote)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var groupId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var role = GroupRenderer.ParseRole(input.Value("role", 30)) ?? throw KindredException.Invalid("role", "Say which role: admin, moderator or user.");
        var changed = await service.SetRoleAsync(me, groupId, GroupParams.AccountIds(input), role, promote, context.RequestAborted);
        var members = await queries.MembersByIdAsync(groupId, changed.Select(m => m.AccountId).ToList(), context.RequestAborted);
        var rendered = await accounts.RenderManyAsync(members.Select(m => m.Account).ToList(), me, context.RequestAborted);
        return MastodonJson.Ok(members.Zip(rendered, (row, account) => new MastodonGroupMember(account.Id, account, GroupRenderer.RoleName(row.Role))).ToList());
    }

    private static async Task<IResult> Transfer(string id, HttpContext context, GroupService service, GroupQueries queries, GroupRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var groupId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var target = GroupParams.AccountIds(input) switch
        {
            [var one] => one,
            _ => throw KindredException.Invalid("account_id", "Name the one member who becomes the owner (account_id)."),
        };
        await service.TransferOwnershipAsync(me, groupId, target, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(await queries.GetAsync(Viewer.Member(me), groupId, context.RequestAborted), context.RequestAborted));
    }

    private static async Task<IResult> Kick(string id, HttpContext context, GroupService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var groupId = StatusesEndpoints.ParseId(id);
        var ids = RequireAccounts(GroupParams.AccountIds(await MastodonParams.ReadAsync(context.Request)));
        foreach (var accountId in ids)
        {
            await service.KickAsync(me, groupId, accountId, context.RequestAborted);
        }
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Bans(string id, HttpContext context, GroupQueries queries, AccountRenderer accounts, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), 40, GroupQueries.MaxLimit);
        var rows = await queries.BansAsync(me, StatusesEndpoints.ParseId(id), page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await accounts.RenderManyAsync(rows.Select(r => r.Account).ToList(), me, context.RequestAborted));
    }

    private static async Task<IResult> Ban(string id, HttpContext context, GroupService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var groupId = StatusesEndpoints.ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        var ids = RequireAccounts(GroupParams.AccountIds(input));
        var reason = input.Value("reason", 10_000);
        foreach (var accountId in ids)
        {
            await service.BanAsync(me, groupId, accountId, reason, context.RequestAborted);
        }
        return MastodonJson.Ok(new { });
    }

    private static async Task<IResult> Unban(string id, HttpContext context, GroupService service)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var groupId = StatusesEndpoints.ParseId(id);
        var ids = RequireAccounts(GroupParams.AccountIds(await MastodonParams.ReadAsync(context.Request)));
        foreach (var accountId in ids)
        {
            await service.UnbanAsync(me, groupId, accountId, context.RequestAborted);
        }
        return MastodonJson.Ok(new { });
    }

    private static Task<IResult> Pin(string id, string statusId, HttpContext context, GroupService service, StatusRenderer renderer) =>
        StatusActionAsync(id, statusId, context, renderer, (me, g, s, ct) => service.PinStatusAsync(me, g, s, ct));

    private static Task<IResult> Unpin(string id, string statusId, HttpContext context, GroupService service, StatusRenderer renderer) =>
        StatusActionAsync(id, statusId, context, renderer, (me, g, s, ct) => service.UnpinStatusAsync(me, g, s, ct));

    private static Task<IResult> RemoveStatus(string id, string statusId, HttpContext context, GroupService service, StatusRenderer renderer) =>
        StatusActionAsync(id, statusId, context, renderer, (me, g, s, ct) => service.RemoveStatusAsync(me, g, s, ct));

    private static async Task<IResult> StatusActionAsync(string id, string statusId, HttpContext context, StatusRenderer renderer, Func<long, long, long, CancellationToken, Task<Status>> action)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write");
        var status = await action(me, StatusesEndpoints.ParseId(id), StatusesEndpoints.ParseId(statusId), context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderAsync(status.Id, Viewer.Member(me), ct: context.RequestAborted));
    }

    private static async Task<IResult> Timeline(string id, HttpContext context, GroupQueries queries, StatusRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), StatusQueries.DefaultLimit, StatusQueries.MaxLimit);
        var timeline = await queries.TimelineAsync(viewer, StatusesEndpoints.ParseId(id), page, context.RequestAborted);
        Pagination.SetLink(context, urls, timeline.Page.Select(s => s.Id).ToList(), page.Limit);
        // A group's feed is a community's public timeline, not one the member composed (ADR 68).
        return MastodonJson.Ok(await renderer.RenderFilteredAsync([.. timeline.Pinned, .. timeline.Page], viewer, FilterContexts.Public, context.RequestAborted));
    }

    private static List<long> RequireAccounts(List<long> ids) =>
        ids.Count == 0 ? throw KindredException.Invalid("account_ids", "Choose at least one account (account_ids[]).") : ids;
}
