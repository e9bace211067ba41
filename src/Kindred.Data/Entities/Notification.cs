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
}
