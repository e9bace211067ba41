using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Groups;
using Kindred.Data.Entities;
using Kindred.Server.Hosting;
using Kindred.Server.Mastodon.Models;
using Kindred.Server.Mastodon.Rendering;

namespace Kindred.Server.Mastodon.Groups;

/// <summary>
/// Finding groups (ADR 22): the directory search at Truth Social's /api/v1/groups/search, with Kindred's filters, and
/// suggested groups at Soapbox's /api/v1/truth/suggestions/groups. The choice is <see cref="GroupDirectory"/>'s; the
/// groups are rendered by the groups API's <see cref="GroupRenderer"/>.
/// </summary>
public static class GroupDiscoveryEndpoints
{
    public static RouteGroupBuilder MapGroupDiscoveryEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/v1/groups/search", Search)
            .WithSummary("Search the group directory: q (words in the name or description), tag (or tags[]), kind (interest|place|both), " +
                "near (me, or \"lat,lon\") with radius (km), sort (relevance|activity|distance), limit, offset")
            .WithDescription("Lists only groups the caller may know about: public groups for everyone, members-only groups for signed-in members, " +
                "secret groups for their members. near=me measures from the caller's profile home area. A group is near when the point is within the " +
                $"radius or within the group's own radius_km (up to {GroupDirectory.MaxGroupReachKm} km). q is at most {GroupDirectory.MaxTextLength} characters, " +
                $"radius {GroupDirectory.MinRadiusKm}–{GroupDirectory.MaxRadiusKm} km (default {GroupDirectory.DefaultRadiusKm}), limit at most {GroupDirectory.MaxLimit}, " +
                $"offset at most {GroupDirectory.MaxOffset}; anything else is a 422 naming the parameter. The Link header pages by offset.")
            .Produces<List<MastodonGroup>>()
            .WithTags("Groups");
        api.MapGet("/v1/truth/suggestions/groups", Suggested)
            .WithSummary("Groups suggested to the caller: sharing their profile interests or near their home area first, then the most active")
            .WithDescription("limit (default 20, at most 40). Never a group the caller is in, asked to join, is banned from, or could join only by invitation.")
            .Produces<List<MastodonGroup>>()
            .WithTags("Groups");
        return api;
    }

    private static async Task<IResult> Search(HttpContext context, GroupDirectory directory, GroupRenderer renderer, PublicUrls urls)
    {
        var viewer = await MastodonAuth.ReaderAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var (nearMe, point) = NearParameter.Parse(input.Value("near", 100));
        var offset = input.WholeNumber("offset") ?? 0;
        var limit = Math.Clamp(input.WholeNumber("limit") ?? GroupDirectory.DefaultLimit, 1, GroupDirectory.MaxLimit);
        var query = new GroupDirectoryQuery(
            Text: input.Value("q", 1_000),
            Tags: input.List("tag").Concat(input.List("tags")).ToList(),
            Kind: Kind(input.Value("kind", 20)),
            NearMe: nearMe,
            Point: point,
            RadiusKm: input.WholeNumber("radius"),
            Sort: Sort(input.Value("sort", 20)),
            Offset: offset,
            Limit: limit);
        var page = await directory.SearchAsync(query, viewer.AccountId, context.RequestAborted);
        Pagination.SetOffsetLink(context, urls, offset, limit, page.Entries.Count, page.HasMore);
        return MastodonJson.Ok(await renderer.RenderManyAsync(page.Entries.Select(e => e.Group).ToList(), context.RequestAborted));
    }

    private static async Task<IResult> Suggested(HttpContext context, GroupDirectory directory, GroupRenderer renderer)
    {
        var me = await MastodonAuth.RequireUserAsync(context, "read");
        var input = await MastodonParams.ReadAsync(context.Request);
        var limit = Math.Clamp(input.WholeNumber("limit") ?? GroupDirectory.DefaultLimit, 1, GroupDirectory.MaxLimit);
        var entries = await directory.SuggestedAsync(me, limit, context.RequestAborted);
        return MastodonJson.Ok(await renderer.RenderManyAsync(entries.Select(e => e.Group).ToList(), context.RequestAborted));
    }

    private static GroupKind? Kind(string? value) => value switch
    {
        null or "" => null,
        "interest" => GroupKind.Interest,
        "place" => GroupKind.Place,
        "both" => GroupKind.Both,
        _ => throw KindredException.Invalid("kind", "kind must be interest, place or both."),
    };

    private static GroupDirectorySort Sort(string? value) => value switch
    {
        null or "" or "relevance" => GroupDirectorySort.Relevance,
        "activity" => GroupDirectorySort.Activity,
        "distance" => GroupDirectorySort.Distance,
        _ => throw KindredException.Invalid("sort", "sort must be relevance, activity or distance."),
    };
}
