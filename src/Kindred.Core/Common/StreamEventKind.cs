namespace Kindred.Core.Common;

/// <summary>What happened. Events carry ids only: each subscriber reloads and re-checks what it may see.</summary>
public enum StreamEventKind
{
    /// <summary>A status (post or boost) was created; Mastodon's <c>update</c>.</summary>
    StatusCreated,

    /// <summary>A status was edited; Mastodon's <c>status.update</c>.</summary>
    StatusEdited,

    /// <summary>A status was deleted; Mastodon's <c>delete</c>.</summary>
    StatusDeleted,

    /// <summary>A status of a large audience reached its followers' home feeds later than its creation (a job, ADR 62):
    /// Mastodon's <c>update</c>, on home streams only.</summary>
    StatusFannedOut,

    /// <summary>A notification was added for <see cref="StreamEvent.AccountId"/>.</summary>
    Notification,

    /// <summary>A direct conversation of <see cref="StreamEvent.AccountId"/> changed; Mastodon's <c>conversation</c>.</summary>
    Conversation,

    /// <summary>A token, session or account changed (revoked, suspended): open streams re-check their access now.</summary>
    AccessChanged,

    /// <summary>An announcement started showing or was edited (ADR 76): Mastodon's <c>announcement</c> on user streams,
    /// or <c>announcement.delete</c> when, once reloaded, it no longer shows.</summary>
    Announcement,

    /// <summary>A reaction <see cref="StreamEvent.Name"/> on an announcement was added or taken back; Mastodon's
    /// <c>announcement.reaction</c>.</summary>
    AnnouncementReaction,

    /// <summary>An announcement was deleted, unpublished or ended; Mastodon's <c>announcement.delete</c>.</summary>
    AnnouncementDeleted,
}
