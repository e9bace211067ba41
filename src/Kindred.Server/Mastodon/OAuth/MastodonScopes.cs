using System.Security.Claims;
using OpenIddict.Abstractions;

namespace Kindred.Server.Mastodon.OAuth;

/// <summary>Mastodon's OAuth scopes (docs: api/oauth-scopes). A broad scope such as "read" grants every "read:*"; the
/// admin scopes stand apart: "admin:read" grants every "admin:read:*", and "read" grants none of them (ADR 72).</summary>
public static class MastodonScopes
{
    public static readonly string[] Granular =
    [
        "read:accounts", "read:blocks", "read:bookmarks", "read:favourites", "read:filters", "read:follows",
        "read:lists", "read:mutes", "read:notifications", "read:search", "read:statuses",
        "write:accounts", "write:blocks", "write:bookmarks", "write:conversations", "write:favourites",
        "write:filters", "write:follows", "write:lists", "write:media", "write:mutes", "write:notifications",
        "write:reports", "write:statuses",
        "admin:read", "admin:write",
        "admin:read:accounts", "admin:read:reports", "admin:write:accounts", "admin:write:reports",
    ];

    public static readonly string[] Broad = ["read", "write", "follow", "push", "profile"];

    public static readonly string[] All = [.. Broad, .. Granular];

    /// <summary>Parses a space- or plus-separated scope list; unknown scopes make it invalid.</summary>
    public static bool TryParse(string? value, out string[] scopes)
    {
        scopes = (value ?? "").Split([' ', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal).ToArray();
        return scopes.All(s => All.Contains(s, StringComparer.Ordinal));
    }

    /// <summary>Whether a granted set allows <paramref name="required"/>: exactly, or through its broad parent
    /// ("read" covers "read:accounts"; "follow" covers the follow, block and mute scopes, as Mastodon does).</summary>
    public static bool Allows(IEnumerable<string> granted, string required)
    {
        foreach (var scope in granted)
        {
            if (scope == required)
            {
                return true;
            }
            var colon = required.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && scope == required[..colon] && scope != "admin")
            {
                return true;
            }
            if (required.StartsWith("admin:", StringComparison.Ordinal) && required.LastIndexOf(':') is var last && last > 6 && scope == required[..last])
            {
                return true;
            }
            if (scope == "follow" && required is "read:blocks" or "write:blocks" or "read:follows" or "write:follows" or "read:mutes" or "write:mutes")
            {
                return true;
            }
            if (scope == "profile" && required == "read:accounts:profile")
            {
                return true;
            }
        }
        return false;
    }

    public static bool Allows(ClaimsPrincipal principal, string required) => Allows(principal.GetScopes(), required);
}
