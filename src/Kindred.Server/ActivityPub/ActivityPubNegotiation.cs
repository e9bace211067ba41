using System.Globalization;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// Content negotiation for the addresses that are both a web page and an ActivityPub object (ADR 95): a GET that asks
/// for ActivityStreams at <c>/@name</c>, <c>/@name/{id}</c>, <c>/groups/{slug}</c> or <c>/events/{id}</c> is routed to the actor or Note
/// endpoint instead of the page, as Mastodon answers its own profile and post addresses. Placed before routing.
/// </summary>
public static class ActivityPubNegotiation
{
    public static IApplicationBuilder UseActivityPubNegotiation(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) && ActivityJson.Wanted(request) && request.Path.Value is { } path && Target(path) is { } target)
        {
            request.Path = target;
        }
        await next(context);
    });

    private static string? Target(string path)
    {
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts switch
        {
            [var name] when name.Length > 1 && name[0] == '@' => "/users/" + name[1..],
            [var name, var id] when name.Length > 1 && name[0] == '@' && long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _) => $"/users/{name[1..]}/statuses/{id}",
            ["groups", var slug] => $"/groups/{slug}/actor",
            ["events", var id] when long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out _) => $"/events/{id}/object",
            _ => null,
        };
    }
}
