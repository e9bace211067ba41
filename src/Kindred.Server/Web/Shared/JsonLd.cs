using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Components;

namespace Kindred.Server.Web.Shared;

/// <summary>
/// schema.org descriptions of public pages for search engines (ADR 24), written into a
/// <c>&lt;script type="application/ld+json"&gt;</c> data block by <see cref="PageMeta"/>. Only content an anonymous
/// visitor may read is ever described; callers decide that before building one.
/// </summary>
public static class JsonLd
{
    /// <summary>
    /// Every non-ASCII letter stays readable, but the encoder still escapes &lt;, &gt;, &amp;, quotes and '+' inside
    /// strings, so "&lt;/script&gt;" or "&lt;!--" in a member's text cannot end the data block or start a comment in it.
    /// </summary>
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private const string Context = "https://schema.org";

    /// <summary>The data block itself, as markup: a data block is never executed, so the CSP (script-src 'self') allows it.</summary>
    public static MarkupString Script(JsonObject data) =>
        new("<script type=\"application/ld+json\">" + Json(data) + "</script>");

    /// <summary>The JSON text of <paramref name="data"/>, safe to place inside an HTML script element.</summary>
    public static string Json(JsonObject data) => data.ToJsonString(Options);

    /// <summary>The organization this server belongs to, for the landing and about pages.</summary>
    public static JsonObject Organization(string name, string description, string url, string? areaName, string? email)
    {
        var data = Thing("Organization", name, url);
        Add(data, "description", description);
        if (!string.IsNullOrWhiteSpace(areaName))
        {
            data["areaServed"] = new JsonObject { ["@type"] = "Place", ["name"] = areaName };
        }
        Add(data, "email", email);
        return data;
    }

    /// <summary>A member's public profile: a ProfilePage whose main entity is the person.</summary>
    public static JsonObject ProfilePage(string name, string username, string bio, string url, string image, DateTime createdAt)
    {
        var person = Thing("Person", name, url);
        person["alternateName"] = "@" + username;
        Add(person, "description", bio);
        person["image"] = image;
        var page = new JsonObject { ["@context"] = Context, ["@type"] = "ProfilePage", ["url"] = url, ["dateCreated"] = Date(createdAt) };
        person.Remove("@context");
        page["mainEntity"] = person;
        return page;
    }

    /// <summary>A public post. <paramref name="headline"/> is its content warning, and then <paramref name="text"/> is
    /// empty: what the author folded away is not spelled out to search engines.</summary>
    public static JsonObject Posting(string url, string authorName, string authorUrl, string text, string? headline, string? image, DateTime published, DateTime? edited)
    {
        var data = new JsonObject { ["@context"] = Context, ["@type"] = "SocialMediaPosting", ["url"] = url, ["datePublished"] = Date(published) };
        if (edited is { } e)
        {
            data["dateModified"] = Date(e);
        }
        data["author"] = new JsonObject { ["@type"] = "Person", ["name"] = authorName, ["url"] = authorUrl };
        Add(data, "headline", headline);
        Add(data, "articleBody", text);
        Add(data, "image", image);
        return data;
    }

    /// <summary>
    /// A public group. schema.org has no type for a community group; Organization is the nearest (a chapter is a
    /// sub-organization of its parent). For the group page: only for groups whose visibility is public.
    /// </summary>
    public static JsonObject Group(string name, string description, string url, string? image, string? areaName, int membersCount, string? parentUrl)
    {
        var data = Organization(name, description, url, areaName, null);
        Add(data, "logo", image);
        data["interactionStatistic"] = new JsonObject
        {
            ["@type"] = "InteractionCounter",
            ["interactionType"] = "https://schema.org/JoinAction",
            ["userInteractionCount"] = membersCount,
        };
        if (parentUrl is not null)
        {
            data["parentOrganization"] = new JsonObject { ["@type"] = "Organization", ["url"] = parentUrl };
        }
        return data;
    }

    private static JsonObject Thing(string type, string name, string url) =>
        new() { ["@context"] = Context, ["@type"] = type, ["name"] = name, ["url"] = url };

    private static void Add(JsonObject data, string key, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            data[key] = value;
        }
    }

    private static string Date(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
