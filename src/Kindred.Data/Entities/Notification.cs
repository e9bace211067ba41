namespace Kindred.Data.Entities;

/// <summary>Tells <see cref="AccountId"/> that <see cref="FromAccountId"/> did something. Dismissing deletes the row, as
/// Mastodon does; what is unread is decided by the notifications <see cref="Marker"/>.</summary>
public class Notification
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public long FromAccountId { get; set; }
    /// <summary>Mastodon's type name: mention, status, reblog, follow, follow_request, favourite, update,
    /// admin.report, group_request, group_approval.</summary>
    public string Type { get; set; } = "";
    public long? StatusId { get; set; }

    /// <summary>The report an admin.report notification is about.</summary>
    public long? ReportId { get; set; }

    /// <summary>The group a group_request or group_approval notification is about (ADR 21).</summary>
    public long? GroupId { get; set; }
    public DateTime CreatedAt { get; set; }
}
