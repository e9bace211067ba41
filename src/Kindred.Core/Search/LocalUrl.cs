using Kindred.Core.Common;

namespace Kindred.Core.Search;

/// <summary>
/// Reads the URLs this server hands out for people and posts: the web pages (/@alice, /@alice/123) and the
/// ActivityPub ids (/users/alice, /users/alice/statuses/123). Anything else, or another host, is not ours.
/// </summary>
public static class LocalUrl
{
    public static bool LooksLikeUrl(string query) =>
        query.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || query.StartsWith("http://", StringComparison.OrdinalIgnoreCase);

    /// <returns>The username and, for a post, its id; null when <paramref name="query"/> is not a URL of <paramref name="baseUrl"/>.</returns>
    public static (string Username, long? StatusId)? Parse(string query, string baseUrl)
    {
        if (!Uri.TryCreate(query.Trim(), UriKind.Absolute, out var url) || !Uri.TryCreate(baseUrl, UriKind.Absolute, out var home)
            || url.Scheme is not ("http" or "https")
            || !string.Equals(url.Authority, home.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var basePath = home.AbsolutePath.TrimEnd('/');
        var path = url.AbsolutePath;
        if (!path.StartsWith(basePath + "/", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = path[(basePath.Length + 1)..].TrimEnd('/').Split('/');
        return parts switch
        {
            [var at] when IsHandle(at) => (at[1..], null),
            [var at, var id] when IsHandle(at) && Id(id) is { } statusId => (at[1..], statusId),
            ["users", var name] when name.Length > 0 => (name, null),
            ["users", var name, "statuses", var id] when name.Length > 0 && Id(id) is { } statusId => (name, statusId),
            _ => null,
        };
    }

    private static bool IsHandle(string segment) => segment.Length > 1 && segment[0] == '@';

    private static long? Id(string segment) => Ids.Parse(segment);
}
