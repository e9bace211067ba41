namespace Kindred.Data.Entities;

/// <summary>
/// Where to push a member's notifications (RFC 8030) and the browser's keys to encrypt them with (RFC 8291): one per
/// OAuth access token (Mastodon's rule) or per signed-in browser session for the web UI. It is deleted with its token
/// or session, and by the delivery job when the token was revoked or the push service says the endpoint is gone.
/// </summary>
public class WebPushSubscription
{
    public long Id { get; set; }
    public long AccountId { get; set; }

    /// <summary>The OpenIddict token it belongs to (an app's subscription).</summary>
    public string? TokenId { get; set; }

    /// <summary>The app's access token, protected with the data-protection keys: Mastodon puts it in every payload so
    /// an app signed in to several accounts knows which one a push is for. Null for the web UI's subscription.</summary>
    public string? ProtectedAccessToken { get; set; }

    /// <summary>The browser session it belongs to (the web UI's subscription).</summary>
    public long? SessionId { get; set; }

    public string Endpoint { get; set; } = "";

    /// <summary>The user agent's P-256 public key, base64url.</summary>
    public string P256dh { get; set; } = "";

    /// <summary>The 16-byte authentication secret, base64url.</summary>
    public string Auth { get; set; } = "";

    /// <summary>The notification types pushed, space-separated (Mastodon's alert names and Kindred's own types).</summary>
    public string Alerts { get; set; } = "";

    public WebPushPolicy Policy { get; set; }
    public DateTime CreatedAt { get; set; }
}
