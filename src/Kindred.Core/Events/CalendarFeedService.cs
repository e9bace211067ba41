using System.Buffers.Text;
using System.Security.Cryptography;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace Kindred.Core.Events;

/// <summary>
/// A member's personal calendar address (ADR 28, 34): a long random secret in <see cref="User.CalendarFeedToken"/>.
/// Whoever holds the address reads the events the member is going to, private details included, without signing in —
/// which is what calendar apps need — so replacing or removing the secret is how the member takes it back.
/// </summary>
public sealed class CalendarFeedService(KindredDbContext db)
{
    /// <summary>32 random bytes as base64url: 43 characters.</summary>
    public const int TokenLength = 43;

    /// <summary>The member's current secret, or null when they have no calendar address.</summary>
    public async Task<string?> GetAsync(long userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.CalendarFeedToken).FirstOrDefaultAsync(ct);

    /// <summary>The member's secret, made now if they had none (asking twice gives the same address).</summary>
    public async Task<string> CreateAsync(long userId, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw KindredException.NotFound();
        if (user.CalendarFeedToken is { } existing)
        {
            return existing;
        }
        user.CalendarFeedToken = NewToken();
        await db.SaveChangesAsync(ct);
        return user.CalendarFeedToken;
    }

    /// <summary>
    /// Replaces the secret, so the old address stops working at once. With <paramref name="current"/> (what the settings
    /// page or the client last showed) the replacement only happens if that is still the address: two tabs pressing
    /// "regenerate" must not silently hand out an address the member never saw.
    /// </summary>
    /// <exception cref="KindredException">Invalid (field "token") when <paramref name="current"/> is not the member's
    /// current secret.</exception>
    public async Task<string> RegenerateAsync(long userId, string? current, CancellationToken ct = default)
    {
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, ct) ?? throw KindredException.NotFound();
        if (current is not null && (user.CalendarFeedToken is null
            || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(current.Trim()), System.Text.Encoding.UTF8.GetBytes(user.CalendarFeedToken))))
        {
            throw KindredException.Invalid("token", "That is not your current calendar address; it may have been replaced already. Reload to see the current one.");
        }
        user.CalendarFeedToken = NewToken();
        await db.SaveChangesAsync(ct);
        return user.CalendarFeedToken;
    }

    /// <summary>Removes the secret: the address stops working and no new one exists until the member asks.</summary>
    public async Task RevokeAsync(long userId, CancellationToken ct = default) =>
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(s => s.SetProperty(u => u.CalendarFeedToken, (string?)null), ct);

    /// <summary>The active member whose address has this secret, or null (unknown, revoked, malformed, or a member no
    /// longer active).</summary>
    public async Task<long?> OwnerAsync(string? token, CancellationToken ct = default)
    {
        // Checked before the query, so guessing with odd strings costs nothing and never reaches an index scan.
        if (token is null || token.Length != TokenLength || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }
        return await db.Users.Active().Where(u => u.CalendarFeedToken == token)
            .Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
    }

    private static string NewToken() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
