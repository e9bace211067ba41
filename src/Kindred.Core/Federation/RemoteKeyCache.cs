using System.Collections.Concurrent;

namespace Kindred.Core.Federation;

/// <summary>Fetched keys for a day, so a busy peer's deliveries do not each cost a fetch; a signature that fails with
/// a cached key fetches it again once (keys rotate). A singleton; bounded, since anyone can name a key id.</summary>
public sealed class RemoteKeyCache(TimeProvider time)
{
    private const int MaxEntries = 10_000;
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);
    private readonly ConcurrentDictionary<string, (RemoteKey Key, DateTimeOffset Until)> keys = new(StringComparer.Ordinal);

    public RemoteKey? Get(string keyId) =>
        keys.TryGetValue(keyId, out var entry) && entry.Until > time.GetUtcNow() ? entry.Key : null;

    public void Put(RemoteKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (keys.Count >= MaxEntries)
        {
            keys.Clear();
        }
        keys[key.KeyId] = (key, time.GetUtcNow() + Lifetime);
    }
}
