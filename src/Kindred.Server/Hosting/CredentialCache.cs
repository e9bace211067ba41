using System.Collections.Concurrent;
using System.Security.Claims;
using Kindred.Core.Common;
using Microsoft.Extensions.Caching.Memory;

namespace Kindred.Server.Hosting;

/// <summary>
/// Credentials validated once and then kept in memory (ADR 89): an OAuth access token's principal (and whether its
/// member was active), and a browser session's row. Without it every API request looked its token up and checked its
/// signature, and every page read its session row.
/// <para>
/// Ending access is an event, not a call: <see cref="StreamEventKind.AccessChanged"/> on the <see cref="IStreamHub"/>,
/// which <c>AccountAccess</c> publishes after every ending (ADR 44), the after-commit publisher for tracked changes
/// (status, security stamp, a token or session row) and <see cref="UserSessions"/> when one browser is signed out. An
/// entry remembers the event count when its validation began, and any ending for its member heard since makes it
/// stale, so a validation racing an ending is never kept. A hub that relays between nodes (issue 20) brings each
/// node's cache the same event. What no hub hears (the command line writing to the database from another process)
/// reaches the API within <see cref="KeepFor"/>, as it reaches open streams within their periodic check.
/// </para>
/// Bounded by memory: entries count their approximate bytes against <see cref="SizeLimit"/>.
/// </summary>
public sealed class CredentialCache : IDisposable
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromSeconds(30);

    /// <summary>About 10,000 tokens of a typical Mastodon app's scopes, or far more browser sessions.</summary>
    public const long SizeLimit = 16 * 1024 * 1024;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = SizeLimit });
    private readonly ConcurrentDictionary<long, long> endedAt = new();
    private readonly IDisposable subscription;
    private long heard;
    private long everyoneEndedAt;

    public CredentialCache(IStreamHub hub) =>
        subscription = hub.Subscribe(Hear, () => { });

    /// <summary>Taken before a credential is validated from the database and stored with the result.</summary>
    public long Stamp() => Volatile.Read(ref heard);

    /// <summary>The kept principal of an access token, unless an ending of its member's access was heard since.</summary>
    public KeptToken? Token(string token) =>
        cache.TryGetValue(new TokenKey(token), out KeptToken? kept) && Current(kept!.UserId, kept.Stamp) ? kept : null;

    public void KeepToken(string token, long stamp, ClaimsPrincipal principal, long? userId, DateTimeOffset? expires)
    {
        var kept = new KeptToken(principal, userId, stamp);
        var size = 256 + principal.Claims.Sum(c => 64 + (2 * (c.Type.Length + c.Value.Length)));
        var until = DateTimeOffset.UtcNow + KeepFor;
        cache.Set(new TokenKey(token), kept, new MemoryCacheEntryOptions { Size = size, AbsoluteExpiration = expires < until ? expires : until });
    }

    /// <summary>When the kept browser session was last written as seen, unless it ended since.</summary>
    public DateTime? SessionSeen(long sessionId, long userId) =>
        cache.TryGetValue(new SessionKey(sessionId), out KeptSession? kept) && kept!.UserId == userId && Current(userId, kept.Stamp) ? kept.LastSeenAt : null;

    public void KeepSession(long sessionId, long userId, DateTime lastSeenAt, long stamp) =>
        cache.Set(new SessionKey(sessionId), new KeptSession(userId, lastSeenAt, stamp), new MemoryCacheEntryOptions { Size = 128, AbsoluteExpirationRelativeToNow = KeepFor });

    private bool Current(long? userId, long stamp) =>
        Volatile.Read(ref everyoneEndedAt) <= stamp && (userId is not { } id || !endedAt.TryGetValue(id, out var ended) || ended <= stamp);

    /// <summary>Called by the hub for every event; must not block.</summary>
    private bool Hear(StreamEvent e)
    {
        if (e.Kind == StreamEventKind.AccessChanged)
        {
            var now = Interlocked.Increment(ref heard);
            if (e.AccountId is { } id)
            {
                endedAt[id] = now;
            }
            else
            {
                // An ending without a member (an app's own token) makes everything kept stale.
                Volatile.Write(ref everyoneEndedAt, now);
            }
        }
        return true;
    }

    public void Dispose()
    {
        subscription.Dispose();
        cache.Dispose();
    }

    private sealed record TokenKey(string Token);

    private sealed record SessionKey(long Id);

    private sealed record KeptSession(long UserId, DateTime LastSeenAt, long Stamp);
}
