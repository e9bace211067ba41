using System.Globalization;
using Kindred.Core.Common;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Federation;

/// <summary>
/// The ids of this server's actors as background jobs write them (ADR 101): jobs run outside any request, so the ids
/// come from <c>Kindred:PublicUrl</c> (the same fallback as the web's links when it is unset). They match what
/// <c>ActorRenderer</c> publishes whenever the server is reached at its public address, which federation needs anyway.
/// </summary>
public sealed class LocalActors(IOptions<KindredOptions> options)
{
    public string Base => string.IsNullOrWhiteSpace(options.Value.PublicUrl) ? "http://localhost:5000" : options.Value.PublicUrl.TrimEnd('/');

    public string Host => new Uri(Base).Authority;

    public string AccountId(string username) => Base + "/users/" + username;

    public string KeyId(string username) => AccountId(username) + "#main-key";

    public string InstanceKeyId => Base + "/actor#main-key";

    /// <summary>A group's actor id (<c>{base}/groups/{slug}</c>, FEP-1b12).</summary>
    public string GroupId(string slug) => Base + "/groups/" + slug;

    /// <summary>The group slug an actor id names (<c>{base}/groups/{slug}</c>), or null for any other address.</summary>
    public string? GroupSlugOf(string? actorId)
    {
        var prefix = Base + "/groups/";
        if (actorId is null || !actorId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var slug = actorId[prefix.Length..];
        return slug.Length is 0 or > 100 || slug.Contains('/', StringComparison.Ordinal) || slug.Contains('#', StringComparison.Ordinal) ? null : slug;
    }

    public string StatusId(string username, long id) => AccountId(username) + "/statuses/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>An event's ActivityStreams id: its page's address, which answers JSON to peers (ADR 106).</summary>
    public string EventId(long id) => Base + "/events/" + id.ToString(CultureInfo.InvariantCulture);

    /// <summary>The local event id an Event id names (<c>{base}/events/{id}</c>), or null.</summary>
    public long? EventIdOf(string? eventId)
    {
        var prefix = Base + "/events/";
        return eventId is not null && eventId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(eventId[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }

    /// <summary>The local username an actor id names (<c>{base}/users/{name}</c>), or null for any other address.</summary>
    public string? UsernameOf(string? actorId)
    {
        var prefix = Base + "/users/";
        if (actorId is null || !actorId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var name = actorId[prefix.Length..];
        return name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name.Contains('#', StringComparison.Ordinal) ? null : name;
    }

    /// <summary>The local status id a Note id names (<c>{base}/users/{name}/statuses/{id}</c>), or null.</summary>
    public long? StatusIdOf(string? noteId)
    {
        var prefix = Base + "/users/";
        if (noteId is null || !noteId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        var parts = noteId[prefix.Length..].Split('/');
        return parts.Length == 3 && parts[1] == "statuses" && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
    }
}
