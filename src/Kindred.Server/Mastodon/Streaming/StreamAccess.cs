using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;

namespace Kindred.Server.Mastodon.Streaming;

/// <summary>
/// Whether the credential a stream was opened with still holds: the OAuth token not revoked or expired (reference
/// tokens live in the database, so revocation is visible at once), or the browser session not ended; and the member
/// still active. Checked before every event, with a positive answer reused for at most <see cref="CacheFor"/>.
/// </summary>
public sealed class StreamAccess
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(1);

    private readonly Func<IServiceProvider, CancellationToken, Task<bool>> check;
    private readonly TimeProvider time;
    private DateTime checkedAt = DateTime.MinValue;

    private StreamAccess(long accountId, Func<IServiceProvider, CancellationToken, Task<bool>> check, TimeProvider time)
    {
        AccountId = accountId;
        this.check = check;
        this.time = time;
    }

    public long AccountId { get; }

    /// <summary>Whether notifications may be sent (a token without read:notifications gets statuses only, as in Mastodon).</summary>
    public bool ReadsNotifications { get; private init; } = true;

    /// <summary>An API stream opened with the OAuth token <paramref name="tokenId"/>.</summary>
    public static StreamAccess ForToken(long accountId, string tokenId, bool readsNotifications, TimeProvider time) => new(accountId, async (services, ct) =>
    {
        var tokens = services.GetRequiredService<IOpenIddictTokenManager>();
        var token = await tokens.FindByIdAsync(tokenId, ct);
        if (token is null || !await tokens.HasStatusAsync(token, OpenIddictConstants.Statuses.Valid, ct))
        {
            return false;
        }
        var expires = await tokens.GetExpirationDateAsync(token, ct);
        return (expires is null || expires > time.GetUtcNow()) && await ActiveAsync(services, accountId, ct);
    }, time)
    {
        ReadsNotifications = readsNotifications,
    };

    /// <summary>A web stream opened with the browser session <paramref name="sessionId"/> (the cookie's session row).</summary>
    public static StreamAccess ForSession(long accountId, long sessionId, TimeProvider time) => new(accountId, async (services, ct) =>
    {
        var db = services.GetRequiredService<KindredDbContext>();
        return await db.UserSessions.AnyAsync(s => s.Id == sessionId && s.UserId == accountId, ct) && await ActiveAsync(services, accountId, ct);
    }, time);

    /// <param name="force">Skip the cache: something about this account's access changed.</param>
    public async Task<bool> StillAllowedAsync(IServiceProvider services, bool force, CancellationToken ct)
    {
        var now = time.UtcNow();
        if (!force && now - checkedAt < CacheFor)
        {
            return true;
        }
        if (!await check(services, ct))
        {
            return false;
        }
        checkedAt = now;
        return true;
    }

    private static Task<bool> ActiveAsync(IServiceProvider services, long accountId, CancellationToken ct) =>
        services.GetRequiredService<KindredDbContext>().Users.Active().AnyAsync(u => u.Id == accountId, ct);
}
