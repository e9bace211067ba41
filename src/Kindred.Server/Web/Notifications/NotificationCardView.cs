namespace Kindred.Server.Web.Notifications;

/// <summary>
/// One card of the notifications page (ADR 85): who to picture (none when the notification comes from the member
/// themselves or must not name its sender), the sentence, what was said (a status's words, an aid item's title), and
/// where the card leads.
/// </summary>
public sealed record NotificationCardView(
    string Type,
    IReadOnlyList<Kindred.Data.Entities.Account> People,
    string Line,
    string? Excerpt,
    string? ContentWarning,
    string Link,
    string LinkText,
    DateTime At,
    bool Unread);
