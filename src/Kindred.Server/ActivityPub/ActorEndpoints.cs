using System.Globalization;
using System.Text.Json.Nodes;
using Kindred.Core.Federation;
using Kindred.Core.Peers;
using Microsoft.AspNetCore.Mvc;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// Actors, their collections and Notes (ADR 95). A browser asking for <c>/users/{name}</c> or a Note's id is sent to
/// the web page; ActivityStreams clients get JSON. Whatever another server may not read (suspended or unknown
/// accounts, members-only, followers-only, direct and group-only posts) is a bare 404, never JSON; a deleted public
/// post is 410.
/// </summary>
public static class ActorEndpoints
{
    public static IEndpointRouteBuilder MapActorEndpoints(this IEndpointRouteBuilder app)
    {
        var federation = app.MapGroup("").WithTags("Federation").ExcludeFromDescription().BareStatuses();
        federation.MapGet("/users/{username}", GetAccount);
        federation.MapGet("/users/{username}/outbox", GetAccountOutbox);
        federation.MapGet("/users/{username}/followers", GetFollowers);
        federation.MapGet("/users/{username}/following", GetFollowing);
        federation.MapGet("/users/{username}/collections/featured", GetFeatured);
        federation.MapGet("/users/{username}/statuses/{id}", GetNote);
        federation.MapGet("/events/{id}/object", GetEvent);
        federation.MapGet("/groups/{slug}/actor", GetGroup);
        federation.MapGet("/groups/{slug}/outbox", GetGroupOutbox);
        federation.MapGet("/groups/{slug}/followers", GetGroupFollowers);
        federation.MapGet("/groups/{slug}/featured", GetGroupFeatured);
        federation.MapGet("/actor", GetInstance);
        federation.MapGet("/actor/outbox", GetInstanceOutbox);
        return app;
    }

    private static async Task<IResult> GetAccount(HttpContext context, string username, ActorQueries queries, ActorRenderer renderer, CancellationToken ct)
    {
        var account = await queries.AccountAsync(username, ct);
        if (account is null)
        {
            return Results.NotFound();
        }
        if (!ActivityJson.Wanted(context.Request))
        {
            return Results.Redirect("/@" + account.Username);
        }
        var organization = await queries.OrganizationAccountIdAsync(ct) == account.Id;
        return ActivityJson.Result(context, await renderer.AccountAsync(account, organization, ct));
    }

    private static async Task<IResult> GetAccountOutbox(HttpContext context, string username, string? page, [FromQuery(Name = "max_id")] long? maxId,
        ActorQueries queries, ActorRenderer actors, NoteRenderer notes, CancellationToken ct)
    {
        var account = await queries.AccountAsync(username, ct);
        return account is null ? Results.NotFound()
            : await OutboxAsync(context, actors.AccountId(account.Username) + "/outbox", account.Id, null, page, maxId, queries, notes, ct);
    }

    private static async Task<IResult> GetGroupOutbox(HttpContext context, string slug, string? page, [FromQuery(Name = "max_id")] long? maxId,
        ActorQueries queries, ActorRenderer actors, NoteRenderer notes, CancellationToken ct)
    {
        var group = await queries.GroupAsync(slug, ct);
        return group is null ? Results.NotFound()
            : await OutboxAsync(context, actors.GroupId(group.Slug) + "/outbox", null, group.Id, page, maxId, queries, notes, ct);
    }

    private static async Task<IResult> OutboxAsync(HttpContext context, string id, long? accountId, long? groupId, string? page, long? maxId,
        ActorQueries queries, NoteRenderer notes, CancellationToken ct)
    {
        if (page is null)
        {
            return ActivityJson.Result(context, new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/activitystreams",
                ["id"] = id,
                ["type"] = "OrderedCollection",
                ["totalItems"] = await queries.OutboxCountAsync(accountId, groupId, ct),
                ["first"] = id + "?page=true",
            });
        }
        var statuses = await queries.OutboxPageAsync(accountId, groupId, maxId, ct);
        var items = new JsonArray();
        foreach (var note in await notes.NotesAsync(statuses, ct))
        {
            note.Remove("@context");
            items.Add(NoteRenderer.Create(note));
        }
        var result = new JsonObject
        {
            ["@context"] = ActivityJson.Context(),
            ["id"] = id + "?page=true" + (maxId is { } m ? "&max_id=" + m.ToString(CultureInfo.InvariantCulture) : ""),
            ["type"] = "OrderedCollectionPage",
            ["partOf"] = id,
            ["orderedItems"] = items,
        };
        if (statuses.Count == ActorQueries.PageSize)
        {
            result["next"] = id + "?page=true&max_id=" + statuses[^1].Id.ToString(CultureInfo.InvariantCulture);
        }
        return ActivityJson.Result(context, result);
    }

    private static Task<IResult> GetFollowers(HttpContext context, string username, [FromQuery(Name = "max_id")] long? maxId, string? page, ActorQueries queries, ActorRenderer actors, CancellationToken ct) =>
        FollowsAsync(context, username, followers: true, page, maxId, queries, actors, ct);

    private static Task<IResult> GetFollowing(HttpContext context, string username, [FromQuery(Name = "max_id")] long? maxId, string? page, ActorQueries queries, ActorRenderer actors, CancellationToken ct) =>
        FollowsAsync(context, username, followers: false, page, maxId, queries, actors, ct);

    /// <summary>The follow collections; with "hide my network" set only the counts are there, as Mastodon does.</summary>
    private static async Task<IResult> FollowsAsync(HttpContext context, string username, bool followers, string? page, long? maxId,
        ActorQueries queries, ActorRenderer actors, CancellationToken ct)
    {
        var account = await queries.AccountAsync(username, ct);
        if (account is null)
        {
            return Results.NotFound();
        }
        var id = actors.AccountId(account.Username) + (followers ? "/followers" : "/following");
        var (followerCount, followingCount) = await queries.FollowCountsAsync(account.Id, ct);
        if (page is null || account.HideCollections)
        {
            var collection = new JsonObject
            {
                ["@context"] = "https://www.w3.org/ns/activitystreams",
                ["id"] = id,
                ["type"] = "OrderedCollection",
                ["totalItems"] = followers ? followerCount : followingCount,
            };
            if (!account.HideCollections)
            {
                collection["first"] = id + "?page=true";
            }
            return ActivityJson.Result(context, collection);
        }
        var rows = await queries.FollowPageAsync(account.Id, followers, maxId, ct);
        var result = new JsonObject
        {
            ["@context"] = "https://www.w3.org/ns/activitystreams",
            ["id"] = id + "?page=true" + (maxId is { } m ? "&max_id=" + m.ToString(CultureInfo.InvariantCulture) : ""),
            ["type"] = "OrderedCollectionPage",
            ["partOf"] = id,
            ["totalItems"] = followers ? followerCount : followingCount,
            ["orderedItems"] = new JsonArray([.. rows.Select(r => (JsonNode)actors.AccountId(r.Username))]),
        };
        if (rows.Count == ActorQueries.PageSize)
        {
            result["next"] = id + "?page=true&max_id=" + rows[^1].FollowId.ToString(CultureInfo.InvariantCulture);
        }
        return ActivityJson.Result(context, result);
    }

    private static async Task<IResult> GetFeatured(HttpContext context, string username, ActorQueries queries, ActorRenderer actors, NoteRenderer notes, CancellationToken ct)
    {
        var account = await queries.AccountAsync(username, ct);
        return account is null ? Results.NotFound()
            : await FeaturedAsync(context, actors.AccountId(account.Username) + "/collections/featured", await queries.FeaturedAsync(account.Id, ct), notes, ct);
    }

    /// <summary>A public group's pinned posts (the target of the group's Add and Remove, ADR 105).</summary>
    private static async Task<IResult> GetGroupFeatured(HttpContext context, string slug, ActorQueries queries, ActorRenderer actors, NoteRenderer notes, CancellationToken ct)
    {
        var group = await queries.GroupAsync(slug, ct);
        return group is null ? Results.NotFound()
            : await FeaturedAsync(context, actors.GroupId(group.Slug) + "/featured", await queries.GroupFeaturedAsync(group.Id, ct), notes, ct);
    }

    private static async Task<IResult> FeaturedAsync(HttpContext context, string id, IReadOnlyList<Kindred.Data.Entities.Status> statuses, NoteRenderer notes, CancellationToken ct)
    {
        var items = new JsonArray();
        foreach (var note in await notes.NotesAsync(statuses, ct))
        {
            note.Remove("@context");
            items.Add(note);
        }
        return ActivityJson.Result(context, new JsonObject
        {
            ["@context"] = ActivityJson.Context(),
            ["id"] = id,
            ["type"] = "OrderedCollection",
            ["totalItems"] = items.Count,
            ["orderedItems"] = items,
        });
    }

    /// <summary>A public event as an ActivityStreams Event (ADR 106); members-only and group events are a bare 404.
    /// Browsers are sent to the event's page.</summary>
    private static async Task<IResult> GetEvent(HttpContext context, string id, FederatedEvents events, EventObjectRenderer renderer, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var eventId)
            || await events.EventAsync(eventId, ct) is not { } found)
        {
            return Results.NotFound();
        }
        return ActivityJson.Wanted(context.Request) ? ActivityJson.Result(context, renderer.Event(found)) : Results.Redirect("/events/" + id);
    }

    private static async Task<IResult> GetNote(HttpContext context, string username, string id, ActorQueries queries, NoteRenderer notes, CancellationToken ct)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var statusId))
        {
            return Results.NotFound();
        }
        var found = await queries.StatusAsync(username, statusId, ct);
        if (found.Gone)
        {
            return Results.StatusCode(StatusCodes.Status410Gone);
        }
        if (found.Status is not { } status)
        {
            return Results.NotFound();
        }
        if (!ActivityJson.Wanted(context.Request))
        {
            return Results.Redirect($"/@{status.Account.Username}/{status.Id.ToString(CultureInfo.InvariantCulture)}");
        }
        return ActivityJson.Result(context, (await notes.NotesAsync([status], ct))[0]);
    }

    private static async Task<IResult> GetGroup(HttpContext context, string slug, ActorQueries queries, ActorRenderer renderer, CancellationToken ct)
    {
        var group = await queries.GroupAsync(slug, ct);
        if (group is null)
        {
            return Results.NotFound();
        }
        return ActivityJson.Wanted(context.Request)
            ? ActivityJson.Result(context, await renderer.GroupAsync(group, ct))
            : Results.Redirect("/groups/" + group.Slug);
    }

    /// <summary>A group's followers: the count only, since who belongs to a group is its members' business.</summary>
    private static async Task<IResult> GetGroupFollowers(HttpContext context, string slug, ActorQueries queries, ActorRenderer actors, CancellationToken ct)
    {
        var group = await queries.GroupAsync(slug, ct);
        return group is null ? Results.NotFound() : ActivityJson.Result(context, new JsonObject
        {
            ["@context"] = "https://www.w3.org/ns/activitystreams",
            ["id"] = actors.GroupId(group.Slug) + "/followers",
            ["type"] = "OrderedCollection",
            ["totalItems"] = group.MembersCount,
        });
    }

    private static async Task<IResult> GetInstance(HttpContext context, ActorRenderer renderer, CancellationToken ct) =>
        ActivityJson.Result(context, await renderer.InstanceAsync(ct));

    private static IResult GetInstanceOutbox(HttpContext context, ActorRenderer actors) => ActivityJson.Result(context, new JsonObject
    {
        ["@context"] = "https://www.w3.org/ns/activitystreams",
        ["id"] = actors.InstanceId + "/outbox",
        ["type"] = "OrderedCollection",
        ["totalItems"] = 0,
        ["orderedItems"] = new JsonArray(),
    });
}
