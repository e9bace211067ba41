using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Relationships;

/// <summary>
/// Private notes on accounts, featured (endorsed) accounts and familiar followers (Mastodon docs: methods/accounts,
/// methods/endorsements; ADR 78). Notes and endorsements answer with the caller's new Relationship.
/// </summary>
public static class NotesAndEndorsementsEndpoints
{
    public const int MaxFamiliarIds = 40;

    public static RouteGroupBuilder MapNotesAndEndorsementsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/accounts/familiar_followers", FamiliarFollowers).WithSummary("For each account (id[]), the accounts the caller follows that follow it").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/note", Note).WithSummary("Keep a private note about an account (comment; empty removes it)").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/pin", Pin).WithSummary("Feature an account the caller follows on their profile").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/endorse", Pin).WithSummary("Feature an account the caller follows on their profile (Mastodon 4.4 name)").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/unpin", Unpin).WithSummary("Stop featuring an account").WithTags("Relationships");
        api.MapPost("/v1/accounts/{id}/unendorse", Unpin).WithSummary("Stop featuring an account (Mastodon 4.4 name)").WithTags("Relationships");
        api.MapGet("/v1/endorsements", Endorsements).WithSummary("The accounts the caller features").WithTags("Relationships");
        api.MapGet("/v1/accounts/{id}/endorsements", AccountEndorsements).WithSummary("The accounts an account features").WithTags("Relationships");
        return api;
    }

    private static async Task<IResult> FamiliarFollowers(HttpContext context, RelationshipQueries queries, AccountRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:follows");
        var input = await MastodonParams.ReadAsync(context.Request);
        var raw = input.List("id");
        if (raw.Count > MaxFamiliarIds)
        {
            throw KindredException.Invalid("id", $"Ask for at most {MaxFamiliarIds} accounts at a time.");
        }
        // Ids that are not numbers name no account, so they are left out like unknown ones.
        var ids = raw.Select(Ids.Parse).OfType<long>().Distinct().ToList();
        var found = await queries.FamiliarFollowersAsync(me, ids, context.RequestAborted);
        var rendered = (await renderer.RenderManyAsync(found.SelectMany(f => f.Accounts).DistinctBy(a => a.Id).ToList(), me, context.RequestAborted))
            .ToDictionary(a => a.Id);
        return MastodonJson.Ok(found.Select(f => new MastodonFamiliarFollowers(
            f.AccountId.ToString(CultureInfo.InvariantCulture),
            f.Accounts.Select(a => rendered[a.Id.ToString(CultureInfo.InvariantCulture)]).ToList())).ToList());
    }

    private static async Task<IResult> Note(string id, HttpContext context, RelationshipService service, RelationshipQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        var target = Ids.ParseOrNotFound(id);
        var input = await MastodonParams.ReadAsync(context.Request);
        await service.SetNoteAsync(me, target, input.Value("comment", 100_000), context.RequestAborted);
        return await RelationshipAsync(queries, me, target, context);
    }

    private static async Task<IResult> Pin(string id, HttpContext context, RelationshipService service, RelationshipQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        var target = Ids.ParseOrNotFound(id);
        await service.EndorseAsync(me, target, context.RequestAborted);
        return await RelationshipAsync(queries, me, target, context);
    }

    private static async Task<IResult> Unpin(string id, HttpContext context, RelationshipService service, RelationshipQueries queries)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "write:accounts");
        var target = Ids.ParseOrNotFound(id);
        await service.UnendorseAsync(me, target, context.RequestAborted);
        return await RelationshipAsync(queries, me, target, context);
    }

    private static async Task<IResult> Endorsements(HttpContext context, RelationshipQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read:accounts");
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), RelationshipQueries.DefaultLimit, RelationshipQueries.MaxLimit);
        var rows = await queries.EndorsementsAsync(me, me, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows.Select(r => r.Account).ToList(), me, context.RequestAborted));
    }

    /// <summary>A public read like the follower lists: no token needed, but a token must carry read:accounts.</summary>
    private static async Task<IResult> AccountEndorsements(string id, HttpContext context, RelationshipQueries queries, AccountRenderer renderer, PublicUrls urls)
    {
        long? viewer = null;
        if (await MastodonAuth.PrincipalAsync(context) is not null)
        {
            await MastodonAuth.RequireTokenAsync(context, "read:accounts");
            viewer = await MastodonAuth.ViewerAsync(context);
        }
        var accountId = Ids.ParseOrNotFound(id);
        var page = Pagination.Read(await MastodonParams.ReadAsync(context.Request), RelationshipQueries.DefaultLimit, RelationshipQueries.MaxLimit);
        var rows = await queries.EndorsementsAsync(accountId, viewer, page, context.RequestAborted);
        Pagination.SetLink(context, urls, rows.Select(r => r.RowId).ToList(), page.Limit);
        return MastodonJson.Ok(await renderer.RenderManyAsync(rows.Select(r => r.Account).ToList(), viewer, context.RequestAborted));
    }

    private static async Task<IResult> RelationshipAsync(RelationshipQueries queries, long viewer, long target, HttpContext context)
    {
        var relationships = await queries.RelationshipsAsync(viewer, [target], context.RequestAborted);
        return relationships.Count == 0 ? throw KindredException.NotFound() : MastodonJson.Ok(RelationshipRenderer.Render(relationships[0]));
    }
}
