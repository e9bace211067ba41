using System.Security;
using System.Text.Json.Nodes;
using Kindred.Core.Federation;
using Kindred.Core.Peers;
using Kindred.Server.Hosting;

namespace Kindred.Server.ActivityPub;

/// <summary>
/// WebFinger (RFC 7033) and host-meta (RFC 6415) so other servers find actors by handle (ADR 95). A resource is
/// <c>acct:name@host</c> (the leading <c>acct:</c> and <c>@</c> optional, as Mastodon accepts) or an actor's or
/// profile's URL on this server. A name is a member first, then a public group's slug; the host's own name is the
/// instance actor. Unknown or non-public names are 404, a malformed resource 400. The answer's subject uses the
/// account's own spelling, which Mastodon's reverse check (WebFinger the actor's preferredUsername) then finds again.
/// </summary>
public static class WebFingerEndpoints
{
    private const string JrdType = "application/jrd+json; charset=utf-8";

    public static IEndpointRouteBuilder MapWebFingerEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/webfinger", GetWebFinger).WithTags("Federation").BareStatuses();
        app.MapGet("/.well-known/host-meta", GetHostMeta).WithTags("Federation");
        return app;
    }

    private static async Task<IResult> GetWebFinger(HttpContext context, string? resource, PublicUrls urls, ActorQueries queries, ActorRenderer actors, CancellationToken ct)
    {
        // Any page may look a handle up (remote-follow dialogs do it from the browser).
        context.Response.Headers.AccessControlAllowOrigin = "*";
        var name = resource is null ? null : NameOf(resource.Trim(), urls);
        if (name is null)
        {
            return Results.BadRequest();
        }
        if (name.Kind == NameKind.Unknown)
        {
            return Results.NotFound();
        }
        if (name.Kind == NameKind.Instance || (name.Kind == NameKind.Acct && string.Equals(name.Value, urls.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return Jrd(urls.Host, actors.InstanceId, urls.Absolute("/about"), urls);
        }
        if (name.Kind != NameKind.Group && await queries.AccountAsync(name.Value, ct) is { } account)
        {
            return Jrd(account.Username, actors.AccountId(account.Username), urls.Absolute("/@" + account.Username), urls);
        }
        if (name.Kind != NameKind.Account && await queries.GroupAsync(name.Value, ct) is { } group)
        {
            return Jrd(group.Slug, actors.GroupId(group.Slug), actors.GroupId(group.Slug), urls);
        }
        return Results.NotFound();
    }

    private static IResult GetHostMeta(PublicUrls urls)
    {
        var template = SecurityElement.Escape(urls.Absolute("/.well-known/webfinger") + "?resource={uri}");
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<XRD xmlns=\"http://docs.oasis-open.org/ns/xri/xrd-1.0\">\n"
            + $"  <Link rel=\"lrdd\" template=\"{template}\"/>\n"
            + "</XRD>\n";
        return Results.Text(xml, "application/xrd+xml; charset=utf-8");
    }

    private static IResult Jrd(string name, string actor, string profile, PublicUrls urls)
    {
        var document = new JsonObject
        {
            ["subject"] = $"acct:{name}@{urls.Host}",
            ["aliases"] = new JsonArray(actor, profile),
            ["links"] = new JsonArray(
                new JsonObject { ["rel"] = "self", ["type"] = "application/activity+json", ["href"] = actor },
                new JsonObject { ["rel"] = "http://webfinger.net/rel/profile-page", ["type"] = "text/html", ["href"] = profile }),
        };
        return Results.Text(document.ToJsonString(), JrdType);
    }

    /// <summary>The name a resource asks for, or null when the resource is not one this server could answer at all.</summary>
    private static ResourceName? NameOf(string resource, PublicUrls urls)
    {
        if (resource.Length is 0 or > 500)
        {
            return null;
        }
        if (resource.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || resource.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            if (!Uri.TryCreate(resource, UriKind.Absolute, out var address))
            {
                return null;
            }
            if (!string.Equals(address.Authority, urls.Host, StringComparison.OrdinalIgnoreCase))
            {
                return new ResourceName(NameKind.Unknown, "");
            }
            var parts = address.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts switch
            {
                ["users", var user] => new ResourceName(NameKind.Account, Uri.UnescapeDataString(user)),
                [var at] when at.Length > 1 && at[0] == '@' => new ResourceName(NameKind.Account, Uri.UnescapeDataString(at[1..])),
                ["groups", var slug] => new ResourceName(NameKind.Group, Uri.UnescapeDataString(slug)),
                ["actor"] => new ResourceName(NameKind.Instance, ""),
                _ => new ResourceName(NameKind.Unknown, ""),
            };
        }
        var acct = resource.StartsWith("acct:", StringComparison.OrdinalIgnoreCase) ? resource[5..] : resource;
        acct = acct.TrimStart('@');
        var at2 = acct.LastIndexOf('@');
        if (at2 <= 0 || at2 == acct.Length - 1)
        {
            return null;
        }
        var host = acct[(at2 + 1)..];
        // Another server's handle: well formed, just not ours.
        return string.Equals(host, urls.Host, StringComparison.OrdinalIgnoreCase)
            ? new ResourceName(NameKind.Acct, acct[..at2])
            : new ResourceName(NameKind.Unknown, "");
    }

    private enum NameKind
    {
        Acct,
        Account,
        Group,
        Instance,
        Unknown,
    }

    private sealed record ResourceName(NameKind Kind, string Value);
}
