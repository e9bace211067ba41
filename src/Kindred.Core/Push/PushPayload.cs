using System.Text.Json.Serialization;

namespace Kindred.Core.Push;

/// <summary>What a push carries, in Mastodon's shape (docs: methods/push#payload), before RFC 8291 encryption.</summary>
public sealed record PushPayload(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("preferred_locale")] string PreferredLocale,
    [property: JsonPropertyName("notification_id")] string NotificationId,
    [property: JsonPropertyName("notification_type")] string NotificationType,
    [property: JsonPropertyName("icon")] string Icon,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("body")] string Body);
