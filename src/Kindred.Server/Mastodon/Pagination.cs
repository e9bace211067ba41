using System.Globalization;
using Kindred.Core.Common;
using Kindred.Core.Relationships;
using Kindred.Server.Hosting;

namespace Kindred.Server.Mastodon;

/// <summary>Mastodon list paging: max_id, since_id, min_id and limit in, a Link header with next and prev out.</summary>
public static class Pagination
{
    public static Page Read(MastodonParams input, int defaultLimit, int maxLimit) => new(
        input.Id("max_id"),
        input.Id("since_id"),
        input.Id("min_id"),
        Math.Clamp(input.WholeNumber("limit") ?? defaultLimit, 1, maxLimit));

    /// <summary>Sets the Link header from the first and last row ids of a page (newest first); none for an empty page.</summary>
    public static void SetLink(HttpContext context, PublicUrls urls, IReadOnlyList<long> rowIds, int limit)
    {
        if (rowIds.Count == 0)
        {
            return;
        }
        // Filters such as exclude_replies or local travel along; the paging keys are replaced.
        var kept = string.Concat(context.Request.Query
            .Where(q => q.Key is not ("max_id" or "since_id" or "min_id" or "limit"))
            .SelectMany(q => q.Value.Select(v => $"&{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        var path = urls.Absolute(context.Request.Path.Value ?? "/");
        var next = $"{path}?limit={limit}{kept}&max_id={rowIds[^1].ToString(CultureInfo.InvariantCulture)}";
        var prev = $"{path}?limit={limit}{kept}&min_id={rowIds[0].ToString(CultureInfo.InvariantCulture)}";
        context.Response.Headers.Append("Link", $"<{next}>; rel=\"next\", <{prev}>; rel=\"prev\"");
    }

    /// <summary>
    /// The Link header of a list that pages by offset (ranked or ordered by something other than id): next while there is
    /// more, prev while not on the first page; filters travel along, the paging keys are replaced.
    /// </summary>
    public static void SetOffsetLink(HttpContext context, PublicUrls urls, int offset, int limit, int count, bool hasMore)
    {
        var kept = string.Concat(context.Request.Query
            .Where(q => q.Key is not ("offset" or "limit" or "max_id" or "since_id" or "min_id"))
            .SelectMany(q => q.Value.Select(v => $"&{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}")));
        var path = urls.Absolute(context.Request.Path.Value ?? "/");
        var links = new List<string>();
        if (hasMore)
        {
            links.Add($"<{path}?limit={limit}{kept}&offset={(offset + count).ToString(CultureInfo.InvariantCulture)}>; rel=\"next\"");
        }
        if (offset > 0)
        {
            links.Add($"<{path}?limit={limit}{kept}&offset={Math.Max(0, offset - limit).ToString(CultureInfo.InvariantCulture)}>; rel=\"prev\"");
        }
        if (links.Count > 0)
        {
            context.Response.Headers.Append("Link", string.Join(", ", links));
        }
    }
}
