namespace Kindred.Core.Common;

/// <summary>
/// One change, published to the <see cref="IStreamHub"/> after its transaction committed. It names the entity and, for
/// notifications and conversations, the one account it belongs to (and for an announcement's reaction, its emoji); never a rendered payload, because what a
/// subscriber receives depends on who they are and is decided at delivery.
/// </summary>
public sealed record StreamEvent(StreamEventKind Kind, long Id, long? AccountId = null, string? Name = null)
{
    public static StreamEvent StatusCreated(long statusId) => new(StreamEventKind.StatusCreated, statusId);

    public static StreamEvent StatusEdited(long statusId) => new(StreamEventKind.StatusEdited, statusId);

    public static StreamEvent StatusDeleted(long statusId) => new(StreamEventKind.StatusDeleted, statusId);

    public static StreamEvent StatusFannedOut(long statusId) => new(StreamEventKind.StatusFannedOut, statusId);

    public static StreamEvent Notification(long recipientId, long notificationId) => new(StreamEventKind.Notification, notificationId, recipientId);

    /// <summary>For the conversations feature: publish after the SaveChanges that changed the member's conversation.</summary>
    public static StreamEvent Conversation(long accountId, long conversationId) => new(StreamEventKind.Conversation, conversationId, accountId);

    /// <summary>Access of <paramref name="accountId"/> changed, or of anyone when null (a token was revoked).</summary>
    public static StreamEvent AccessChanged(long? accountId) => new(StreamEventKind.AccessChanged, 0, accountId);

    public static StreamEvent Announcement(long announcementId) => new(StreamEventKind.Announcement, announcementId);

    public static StreamEvent AnnouncementReaction(long announcementId, string name) => new(StreamEventKind.AnnouncementReaction, announcementId, Name: name);

    public static StreamEvent AnnouncementDeleted(long announcementId) => new(StreamEventKind.AnnouncementDeleted, announcementId);
}
