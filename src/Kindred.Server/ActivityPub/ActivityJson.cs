using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Diagnostics;

namespace Kindred.Server.ActivityPub;

/// <summary>The ActivityStreams wire details every ActivityPub answer shares.</summary>
public static class ActivityJson
{
    public const string ContentType = "application/activity+json; charset=utf-8";
    public const string Public = "https://www.w3.org/ns/activitystreams#Public";

    /// <summary>The JSON-LD context Mastodon's actors carry, so the extension terms (featured, discoverable, the
    /// profile fields as schema.org PropertyValue) mean the same to every peer that expands JSON-LD.</summary>
    public static JsonArray Context() => new(
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        new JsonObject
        {
            ["manuallyApprovesFollowers"] = "as:manuallyApprovesFollowers",
            ["sensitive"] = "as:sensitive",
            ["Hashtag"] = "as:Hashtag",
            ["toot"] = "http://joinmastodon.org/ns#",
            ["featured"] = new JsonObject { ["@id"] = "toot:featured", ["@type"] = "@id" },
            ["discoverable"] = "toot:discoverable",
            ["schema"] = "http://schema.org#",
            ["PropertyValue"] = "schema:PropertyValue",
            ["value"] = "schema:value",
        });

    /// <summary>An ActivityStreams document as the answer, marked as varying by Accept (the same address is a web page).</summary>
    public static IResult Result(HttpContext context, JsonObject document)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(document);
        context.Response.Headers.Vary = "Accept";
        return Results.Text(document.ToJsonString(), ContentType);
    }

    /// <summary>An endpoint filter: ActivityPub errors are bare statuses (STYLE.md), never the web's not-found page.</summary>
    public static TBuilder BareStatuses<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }
            return await next(context);
        });

    /// <summary>
    /// Whether the request asks for ActivityStreams: <c>application/activity+json</c>, or <c>application/ld+json</c>
    /// (the ActivityPub spec's <c>profile="https://www.w3.org/ns/activitystreams"</c>; peers that leave the profile
    /// out are answered the same). Browsers ask for text/html and get the page.
    /// </summary>
    public static bool Wanted(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && (value.Contains("application/activity+json", StringComparison.OrdinalIgnoreCase)
                || value.Contains("application/ld+json", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }
        return false;
    }
}
