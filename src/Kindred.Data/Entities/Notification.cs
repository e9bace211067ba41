namespace Kindred.Data.Entities;

/// <summary>Tells <see cref="AccountId"/> that <see cref="FromAccountId"/> did something. Dismissing deletes the row, as
/// Mastodon does; what is unread is decided by the notifications <see cref="Marker"/>.</summary>
public class Notification
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long FromAccountId { get; set; }
    /// <summary>Mastodon's type name: mention, status, reblog, follow, follow_request, favourite, update,
    /// admin.report, group_request, group_approval, and Kindred's aid_* and event_* types (ADR 27, 28).</summary>
    public string Type { get; set; } = "";
    public long? StatusId { get; set; }

    /// <summary>The report an admin.report notification is about.</summary>
    public long? ReportId { get; set; }

    /// <summary>The group a group_request or group_approval notification is about (ADR 21).</summary>
    public long? GroupId { get; set; }

    /// <summary>The aid item an aid_* notification is about (ADR 27).</summary>
    public long? AidItemId { get; set; }

    /// <summary>The event an event_* notification is about (ADR 28).</summary>
    public long? EventId { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Held back by the recipient's <see cref="NotificationPolicy"/> (ADR 79): kept, but neither listed nor
    /// counted nor streamed until the recipient accepts the request of its sender.</summary>
    public bool Filtered { get; set; }

    /// <summary>Mastodon's group key for the types that group (favourite and reblog per status, follow, aid_response
    /// per aid item), with a 12-hour span; null for a notification that stands alone ("ungrouped-{id}" on the wire).</summary>
    public string? GroupKey { get; set; }
}
