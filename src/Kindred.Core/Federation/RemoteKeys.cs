using System.Text.Json;
using Kindred.Data.Entities;

namespace Kindred.Core.Federation;

/// <summary>
/// Finds the key another server signed with: the key id is a URL (Mastodon's <c>…/users/x#main-key</c>), fetched
/// without its fragment, signed by the instance actor. The answer is an actor holding <c>publicKey</c> (an object or
/// an array of them) or a key document with <c>owner</c>. A key only counts for an owner on the key's own host, so
/// one server cannot vouch for another's actors.
/// </summary>
public sealed class RemoteKeys(FederationHttp http, RemoteKeyCache cache, ActorKeys keys)
{
    /// <summary>The key, from the cache unless <paramref name="refresh"/>; null when it cannot be fetched or read.</summary>
    public async Task<RemoteKey?> GetAsync(string keyId, bool refresh, string instanceKeyId, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        if (!refresh && cache.Get(keyId) is { } cached)
        {
            return cached;
        }
        if (!Uri.TryCreate(keyId, UriKind.Absolute, out var keyUri) || !http.MayFetch(keyUri))
        {
            return null;
        }
        var document = new UriBuilder(keyUri) { Fragment = "" }.Uri;
        using var signer = await keys.PrivateKeyAsync(ActorKind.Instance, 0, ct);
        using var json = await http.GetActivityAsync(document, instanceKeyId, signer, ct);
        if (json is null)
        {
            return null;
        }
        var key = Read(json.RootElement, keyId);
        if (key is null || !Uri.TryCreate(key.Owner, UriKind.Absolute, out var owner)
            || !string.Equals(owner.Authority, keyUri.Authority, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }
        cache.Put(key);
        return key;
    }

    private static RemoteKey? Read(JsonElement root, string keyId)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        if (root.TryGetProperty("publicKeyPem", out _))
        {
            return FromKey(root, keyId, null);
        }
        if (!root.TryGetProperty("publicKey", out var published))
        {
            return null;
        }
        var actor = Text(root, "id");
        if (published.ValueKind == JsonValueKind.Array)
        {
            foreach (var candidate in published.EnumerateArray())
            {
                if (candidate.ValueKind == JsonValueKind.Object && Text(candidate, "id") == keyId)
                {
                    return FromKey(candidate, keyId, actor);
                }
            }
            return null;
        }
        return published.ValueKind == JsonValueKind.Object && Text(published, "id") == keyId ? FromKey(published, keyId, actor) : null;
    }

    private static RemoteKey? FromKey(JsonElement key, string keyId, string? actor)
    {
        var pem = Text(key, "publicKeyPem");
        var owner = Text(key, "owner") ?? actor;
        // An actor that publishes a key for someone else does not make it theirs.
        if (pem is null || owner is null || (actor is not null && owner != actor))
        {
            return null;
        }
        return new RemoteKey(keyId, owner, pem);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
