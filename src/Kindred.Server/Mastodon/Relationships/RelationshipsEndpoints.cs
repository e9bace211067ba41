using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Relationships;

/// <summary>
/// Follows, follow requests, blocks and mutes (Mastodon docs: methods/accounts, methods/follow_requests,
/// methods/blocks, methods/mutes). Every change answers with the caller's new Relationship to the other account.
/// </summary>
public static class RelationshipsEndpoints
{
    public static RouteGroupBuilder MapRelationshipsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/accounts/relationships", GetRelationships).WithSummary("The caller's relationships to several accounts (id[])").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/follow", Follow).WithSummary("Follow, or ask to follow a locked account").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/unfollow", Unfollow).WithSummary("Unfollow, or withdraw a follow request").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/remove_from_followers", RemoveFromFollowers).WithSummary("Make an account stop following the caller").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/block", Block).WithSummary("Block an account (removes follows both ways)").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/unblock", Unblock).WithSummary("Unblock an account").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/mute", Mute).WithSummary("Mute an account, optionally for a duration in seconds").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/unmute", Unmute).WithSummary("Unmute an account").WithTags("Relationships");
        api.MapGet("/v1/accounts/{id}/followers", Followers).WithSummary("Who follows an account").WithTags("Relationships");
        api.MapGet("/v1/accounts/{id}/following", Following).WithSummary("Whom an account follows").WithTags("Relationships");
        api.MapGet("/v1/follow_requests", FollowRequests).WithSummary("Pending requests to follow the caller").WithTags("Relationships");
        api.MapPost("/v1/follow_requests/{id}/authorize", Authorize).WithSummary("Accept a follow request (id: the requester's account)").WithTags("Relationships");
        api.MapPost("/v1/follow_requests/{id}/reject", Reject).WithSummary("Reject a follow request (id: the requester's account)").WithTags("Relationships");
        api.MapGet("/v1/blocks", Blocks).WithSummary("Accounts the caller blocks").WithTags("Relationships");
        api.MapGet("/v1/mutes", Mutes).WithSummary("Accounts the caller mutes").WithTags("Relationships");
        return api;
    }

    private static async Task<IResult> GetRelationships(HttpContext context, RelationshipQueries queries)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, "read:follows");
        var input = await MastodonParams.ReadAsync(context.Request);
        var raw = input.List("id");
        if (raw.Count > 100)
        {
            throw KindredException.Invalid("id", "Ask for at most 100 accounts at a time.");
        }
        // Ids that are not numbers name no account, so they are left out like unknown ones.
        var ids = raw.Select(Ids.Parse)
            .OfType<long>().ToList();
        var relationships = await queries.RelationshipsAsync(viewer, ids, context.RequestAborted);
        return MastodonJson.Ok(relationships.Select(RelationshipRenderer.Render).ToList());
    }

    private static async Task<IResult> Follow(string id, HttpContext context, RelationshipService service, RelationshipQueries queries)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, "write:follows");
        var target = ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        await service.FollowAsync(viewer, target, input.Bool("reblogs"), input.Bool("notify"), context.RequestAborted);
        return await RelationshipAsync(queries, viewer, target, context);
    }

    private static Task<IResult> Unfollow(string id, HttpContext context, RelationshipService service, RelationshipQueries queries) =>
        ChangeAsync(context, queries, "write:follows", id, (viewer, target, ct) => service.UnfollowAsync(viewer, target, ct));

    private static Task<IResult> RemoveFromFollowers(string id, HttpContext context, RelationshipService service, RelationshipQueries queries) =>
        ChangeAsync(context, queries, "write:follows", id, (viewer, target, ct) => service.RemoveFromFollowersAsync(viewer, target, ct));

    private static Task<IResult> Block(string id, HttpContext context, RelationshipService service, RelationshipQueries queries) =>
        ChangeAsync(context, queries, "write:blocks", id, (viewer, target, ct) => service.BlockAsync(viewer, target, ct));

    private static Task<IResult> Unblock(string id, HttpContext context, RelationshipService service, RelationshipQueries queries) =>
        ChangeAsync(context, queries, "write:blocks", id, (viewer, target, ct) => service.UnblockAsync(viewer, target, ct));

    private static async Task<IResult> Mute(string id, HttpContext context, RelationshipService service, RelationshipQueries queries)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, "write:mutes");
        var target = ParseId(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        await service.MuteAsync(viewer, target, input.WholeNumber("duration"), input.Bool("notifications") ?? true, context.RequestAborted);
        return await RelationshipAsync(queries, viewer, target, context);
    }

    private static Task<IResult> Unmute(string id, HttpContext context, RelationshipService service, RelationshipQueries queries) =>
        ChangeAsync(context, queries, "write:mutes", id, (viewer, target, ct) => service.UnmuteAsync(viewer, target, ct));

    private static Task<IResult> Authorize(string id, HttpContext context, RelationshipService service, RelationshipQueries queries) =>
        ChangeAsync(context, queries, "write:follows", id, (viewer, requester, ct) => service.AuthorizeRequestAsync(viewer, requester, ct));

    private static Task<IResult> Reject(string id, HttpContext context, RelationshipService service, RelationshipQueries queries) =>
        ChangeAsync(context, queries, "write:follows", id, (viewer, requester, ct) => service.RejectRequestAsync(viewer, requester, ct));

    /// <summary>Follower and following lists are public reads: no token is needed, but a token must carry read:accounts.</summary>
    private static async Task<IResult> Followers(string id, HttpContext context, RelationshipQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var viewer = await OptionalReaderAsync(context);
        var accountId = ParseId(id);
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), RelationshipQueries.DefaultLimit, RelationshipQueries.MaxLimit);
        return await ListAsync(context, renderer, urls, viewer, page, await queries.FollowersAsync(accountId, viewer, page, context.RequestAborted));
    }

    private static async Task<IResult> Following(string id, HttpContext context, RelationshipQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var viewer = await OptionalReaderAsync(context);
        var accountId = ParseId(id);
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), RelationshipQueries.DefaultLimit, RelationshipQueries.MaxLimit);
        return await ListAsync(context, renderer, urls, viewer, page, await queries.FollowingAsync(accountId, viewer, page, context.RequestAborted));
    }

    private static async Task<IResult> FollowRequests(HttpContext context, RelationshipQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, "read:follows");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), RelationshipQueries.DefaultLimit, RelationshipQueries.MaxLimit);
        return await ListAsync(context, renderer, urls, viewer, page, await queries.FollowRequestsAsync(viewer, page, context.RequestAborted));
    }

    private static async Task<IResult> Blocks(HttpContext context, RelationshipQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, "read:blocks");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), RelationshipQueries.DefaultLimit, RelationshipQueries.MaxLimit);
        return await ListAsync(context, renderer, urls, viewer, page, await queries.BlocksAsync(viewer, page, context.RequestAborted));
    }

    private static async Task<IResult> Mutes(HttpContext context, RelationshipQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, "read:mutes");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), RelationshipQueries.DefaultLimit, RelationshipQueries.MaxLimit);
        return await ListAsync(context, renderer, urls, viewer, page, await queries.MutesAsync(viewer, page, context.RequestAborted));
    }

    private static async Task<long?> OptionalReaderAsync(HttpContext context)
    {
        if (await MastodonAuth.PrincipalAsync(context) is null)
        {
            return null;
        }
        await MastodonAuth.RequireTokenAsync(context, "read:accounts");
        return await MastodonAuth.ViewerAsync(context);
    }

    private static async Task<IResult> ChangeAsync(HttpContext context, RelationshipQueries queries, string scope, string id, Func<long, long, CancellationToken, Task> change)
    {
        var viewer = await MastodonAuth.RequireUserAsync(context, scope);
        var target = ParseId(id);
        await change(viewer, target, context.RequestAborted);
        return await RelationshipAsync(queries, viewer, target, context);
    }

    private static async Task<IResult> RelationshipAsync(RelationshipQueries queries, long viewer, long target, HttpContext context)
    {
        var relationships = await queries.RelationshipsAsync(viewer, [target], context.RequestAborted);
        return relationships.Count == 0 ? throw KindredException.NotFound() : MastodonJson.Ok(RelationshipRenderer.Render(relationships[0]));
    }

    private static async Task<IResult> ListAsync(HttpContext context, AccountRenderer renderer, PublicUrls urls, long? viewer, Page page, IReadOnlyList<ListedAccount> rows)
    {
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows.Select(r => r.Account).ToList(), viewer, context.RequestAborted));
    }

    private static long ParseId(string id) =>
        Ids.ParseOrNotFound(id);
}
