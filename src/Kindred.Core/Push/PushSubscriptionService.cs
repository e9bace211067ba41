using System.Buffers.Text;
using System.Net;
using Kindred.Core.Common;
using Kindred.Data;
using Kindred.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kindred.Core.Push;

/// <summary>
/// A member's push subscriptions (ADR 81): at most one per access token or browser session, as Mastodon keeps one per
/// token; creating another replaces it. The front doors (the Mastodon API and the web settings page) call this.
/// </summary>
public sealed class PushSubscriptionService(KindredDbContext db, TimeProvider time, IOptions<PushOptions> options, IDataProtectionProvider protection)
{
    /// <summary>The data-protection purpose of the stored access token.</summary>
    public const string AccessTokenPurpose = "Kindred.Push.AccessToken";

    /// <summary>Creates or replaces the credential's subscription.</summary>
    public async Task<WebPushSubscription> SubscribeAsync(PushOwner owner, string? endpoint, string? p256dh, string? auth,
        IReadOnlyDictionary<string, bool> alerts, string? policy, CancellationToken ct = default)
    {
        var subscription = new WebPushSubscription
        {
            Id = Snowflake.NewId(time.UtcNow()),
            AccountId = owner.AccountId,
            TokenId = owner.TokenId,
            SessionId = owner.SessionId,
            ProtectedAccessToken = owner.AccessToken is { } token ? protection.CreateProtector(AccessTokenPurpose).Protect(token) : null,
            Endpoint = CheckEndpoint(endpoint),
            P256dh = CheckKey(p256dh, "subscription[keys][p256dh]", 65),
            Auth = CheckKey(auth, "subscription[keys][auth]", 16),
            Alerts = PushAlerts.Store(alerts),
            Policy = ParsePolicy(policy),
            CreatedAt = time.UtcNow(),
        };
        await db.InTransactionAsync(async () =>
        {
            await Mine(owner).ExecuteDeleteAsync(ct);
            db.WebPushSubscriptions.Add(subscription);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return subscription;
    }

    public async Task<WebPushSubscription> GetAsync(PushOwner owner, CancellationToken ct = default) =>
        await Mine(owner).AsNoTracking().FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();

    public async Task<WebPushSubscription?> FindAsync(PushOwner owner, CancellationToken ct = default) =>
        await Mine(owner).AsNoTracking().FirstOrDefaultAsync(ct);

    /// <summary>Replaces the alerts and the policy, as Mastodon's PUT does (what is not given takes its default).</summary>
    public async Task<WebPushSubscription> UpdateAsync(PushOwner owner, IReadOnlyDictionary<string, bool> alerts, string? policy, CancellationToken ct = default)
    {
        var subscription = await Mine(owner).FirstOrDefaultAsync(ct) ?? throw KindredException.NotFound();
        subscription.Alerts = PushAlerts.Store(alerts);
        subscription.Policy = ParsePolicy(policy);
        await db.SaveChangesAsync(ct);
        return subscription;
    }

    /// <summary>Deletes the credential's subscription; nothing to delete is not an error (Mastodon answers {}).</summary>
    public Task UnsubscribeAsync(PushOwner owner, CancellationToken ct = default) => Mine(owner).ExecuteDeleteAsync(ct);

    public static string PolicyName(WebPushPolicy policy) => policy switch
    {
        WebPushPolicy.Followed => "followed",
        WebPushPolicy.Follower => "follower",
        WebPushPolicy.None => "none",
        _ => "all",
    };

    private IQueryable<WebPushSubscription> Mine(PushOwner owner) => owner.TokenId is { } token
        ? db.WebPushSubscriptions.Where(s => s.TokenId == token && s.AccountId == owner.AccountId)
        : db.WebPushSubscriptions.Where(s => s.SessionId == owner.SessionId && s.AccountId == owner.AccountId);

    private static WebPushPolicy ParsePolicy(string? policy) => policy switch
    {
        null or "" or "all" => WebPushPolicy.All,
        "followed" => WebPushPolicy.Followed,
        "follower" => WebPushPolicy.Follower,
        "none" => WebPushPolicy.None,
        _ => throw KindredException.Invalid("data[policy]", "data[policy] must be all, followed, follower or none."),
    };

    /// <summary>
    /// The push service's address. Only https on a public host: the server posts to it, so a member must not be able to
    /// make it call into its own network (unless the operator allows it for a local stub).
    /// </summary>
    private string CheckEndpoint(string? endpoint)
    {
        const string Field = "subscription[endpoint]";
        if (string.IsNullOrWhiteSpace(endpoint) || endpoint.Length > 2000
            || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw KindredException.Invalid(Field, "subscription[endpoint] must be an https address.");
        }
        if (options.Value.AllowInsecureEndpoints)
        {
            return endpoint;
        }
        if (uri.Scheme != "https" || uri.IsLoopback || uri.HostNameType is UriHostNameType.Basic or UriHostNameType.Unknown
            || (IPAddress.TryParse(uri.DnsSafeHost, out var address) && !PublicAddresses.IsPublic(address))
            || uri.DnsSafeHost.EndsWith(".local", StringComparison.OrdinalIgnoreCase) || !uri.DnsSafeHost.Contains('.', StringComparison.Ordinal))
        {
            throw KindredException.Invalid(Field, "subscription[endpoint] must be an https address on a public host.");
        }
        return endpoint;
    }

    private static string CheckKey(string? value, string field, int length)
    {
        Span<byte> buffer = stackalloc byte[100];
        var text = value?.Trim().TrimEnd('=').Replace('+', '-').Replace('/', '_');
        // IsValid first: TryDecodeFromChars throws on a character outside the alphabet rather than answering false.
        if (string.IsNullOrEmpty(text) || text.Length > 130 || !Base64Url.IsValid(text) || !Base64Url.TryDecodeFromChars(text, buffer, out var written) || written != length
            || (length == 65 && buffer[0] != 0x04))
        {
            throw KindredException.Invalid(field, $"{field} must be the browser's base64url key.");
        }
        return text;
    }
}
