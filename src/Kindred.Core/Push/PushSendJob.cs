using System.Security.Cryptography;
using System.Text.Json;
using Kindred.Core.Common;
using Kindred.Core.Jobs;
using Kindred.Core.Notifications;
using Kindred.Data;
using Kindred.Data.Entities;
using Lib.Net.Http.WebPush;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace Kindred.Core.Push;

/// <summary>
/// Pushes one notification to one subscription (ADR 81). Everything is decided again at sending time, since the job may
/// run minutes after the notification: the token must still be valid (a revoked one takes its subscription with it),
/// the member active, the alert on, the policy met, and the notification still shown to the member by
/// <see cref="NotificationQueries"/> (its status, item or event still readable, its sender not blocked). A failure
/// throws, so the job runner retries with its backoff; a push service that answers 404 or 410 has forgotten the
/// subscription, which is then deleted.
/// </summary>
public sealed class PushSendJob(
    KindredDbContext db,
    NotificationQueries notifications,
    WebPushKeys keys,
    PushDelivery delivery,
    IDataProtectionProvider protection,
    IOptions<PushOptions> options,
    IOptions<KindredOptions> kindred) : IJobHandler
{
    public const string Name = "push.send";

    /// <summary>Longest body, in characters: push services cap payloads at about 4 KB, and a lock screen shows less.</summary>
    public const int MaxBody = 140;

    public string Kind => Name;

    public async Task<int> RunAsync(Job job, CancellationToken ct)
    {
        var send = JobQueue.Read<PushSend>(job);
        var subscription = await db.WebPushSubscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == send.SubscriptionId, ct);
        if (subscription is null)
        {
            return 0;
        }
        if (subscription.TokenId is { } tokenId
            && !await db.Set<OpenIddictEntityFrameworkCoreToken>().AnyAsync(t => t.Id == tokenId && t.Status == OpenIddictConstants.Statuses.Valid, ct))
        {
            await db.WebPushSubscriptions.Where(s => s.Id == subscription.Id).ExecuteDeleteAsync(ct);
            return 0;
        }
        var locale = await db.Users.Active().Where(u => u.Id == subscription.AccountId).Select(u => u.Locale).FirstOrDefaultAsync(ct);
        if (locale is null)
        {
            return 0;
        }
        Notification notification;
        try
        {
            notification = await notifications.GetAsync(subscription.AccountId, send.NotificationId, ct);
        }
        catch (KindredException e) when (e.Kind == ErrorKind.NotFound)
        {
            return 0;
        }
        if (!PushAlerts.IsOn(subscription.Alerts, notification.Type) || !await PolicyAllowsAsync(subscription, notification.FromAccountId, ct))
        {
            return 0;
        }
        var json = JsonSerializer.Serialize(await PayloadAsync(subscription, notification, locale, ct));
        var key = await keys.GetAsync(db, ct);
        var sent = await delivery.SendAsync(subscription, json, Urgency(notification.Type), options.Value.TimeToLiveSeconds, key, await SubjectAsync(ct), ct);
        if (!sent)
        {
            await db.WebPushSubscriptions.Where(s => s.Id == subscription.Id).ExecuteDeleteAsync(ct);
            return 0;
        }
        return 1;
    }

    private async Task<bool> PolicyAllowsAsync(WebPushSubscription subscription, long fromId, CancellationToken ct) => subscription.Policy switch
    {
        WebPushPolicy.All => true,
        WebPushPolicy.Followed => await db.Follows.AnyAsync(f => f.AccountId == subscription.AccountId && f.TargetAccountId == fromId, ct),
        WebPushPolicy.Follower => await db.Follows.AnyAsync(f => f.AccountId == fromId && f.TargetAccountId == subscription.AccountId, ct),
        _ => false,
    };

    private async Task<PushPayload> PayloadAsync(WebPushSubscription subscription, Notification notification, string locale, CancellationToken ct)
    {
        var sender = await db.Accounts.AsNoTracking().Where(a => a.Id == notification.FromAccountId)
            .Select(a => new { a.DisplayName, a.Username, a.AvatarFile }).FirstAsync(ct);
        var body = "";
        if (notification.StatusId is { } statusId)
        {
            // NotificationQueries has just checked the member may read this status; a content warning stands in for the
            // text, as Mastodon does, so a lock screen never shows what the author put behind one.
            var status = await db.Statuses.AsNoTracking().Where(s => s.Id == statusId).Select(s => new { s.Text, s.SpoilerText }).FirstOrDefaultAsync(ct);
            body = status is null ? "" : Shorten(string.IsNullOrEmpty(status.SpoilerText) ? status.Text : status.SpoilerText);
        }
        var name = string.IsNullOrWhiteSpace(sender.DisplayName) ? sender.Username : sender.DisplayName;
        var baseUrl = (kindred.Value.PublicUrl ?? "http://localhost").TrimEnd('/');
        var icon = baseUrl + (sender.AvatarFile is null ? "/img/avatar.png" : "/media/" + sender.AvatarFile);
        return new PushPayload(AccessToken(subscription), locale, notification.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            notification.Type, icon, PushText.Title(notification.Type, name, locale), body);
    }

    private string AccessToken(WebPushSubscription subscription)
    {
        if (subscription.ProtectedAccessToken is not { } stored)
        {
            return "";
        }
        try
        {
            return protection.CreateProtector(PushSubscriptionService.AccessTokenPurpose).Unprotect(stored);
        }
        catch (CryptographicException)
        {
            return "";
        }
    }

    /// <summary>The VAPID contact, which must be a mailto: or https: address: the configured one, else the public
    /// address when it is https, else the organization's contact e-mail.</summary>
    private async Task<string> SubjectAsync(CancellationToken ct)
    {
        if (options.Value.Contact is { Length: > 0 } contact)
        {
            return contact;
        }
        if (kindred.Value.PublicUrl is { } url && url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return url.TrimEnd('/');
        }
        var email = await db.Organizations.AsNoTracking().Select(o => o.ContactEmail).FirstOrDefaultAsync(ct);
        return System.Net.Mail.MailAddress.TryCreate(email, out var address) ? "mailto:" + address.Address : "mailto:postmaster@localhost";
    }

    private static PushMessageUrgency Urgency(string type) => type switch
    {
        NotificationTypes.Mention or NotificationTypes.AidMessage or NotificationTypes.AidEscalation or NotificationTypes.SafetyEscalation => PushMessageUrgency.High,
        NotificationTypes.Favourite or NotificationTypes.Reblog or NotificationTypes.Status or NotificationTypes.Update => PushMessageUrgency.Low,
        _ => PushMessageUrgency.Normal,
    };

    private static string Shorten(string text)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= MaxBody ? flat : string.Concat(flat.AsSpan(0, MaxBody - 1), "…");
    }
}
