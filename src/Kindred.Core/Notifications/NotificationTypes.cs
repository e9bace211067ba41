namespace Kindred.Core.Notifications;

/// <summary>Mastodon's notification type names (docs: entities/Notification#type) that Kindred creates.</summary>
public static class NotificationTypes
{
    public const string Mention = "mention";
    public const string Status = "status";
    public const string Reblog = "reblog";
    public const string Follow = "follow";
    public const string FollowRequest = "follow_request";
    public const string Favourite = "favourite";
    public const string Update = "update";
    public const string Poll = "poll";

    /// <summary>A new report, sent to moderators (<see cref="Accounts.Roles.CanModerate"/>).</summary>
    public const string AdminReport = "admin.report";

    /// <summary>Someone asked to join a group; sent to its moderators and above (Truth Social's name, ADR 21).</summary>
    public const string GroupRequest = "group_request";

    /// <summary>A request to join a group was accepted; sent to the person who asked.</summary>
    public const string GroupApproval = "group_approval";

    public static readonly string[] All = [Mention, Status, Reblog, Follow, FollowRequest, Favourite, Update, Poll, AdminReport, GroupRequest, GroupApproval];
}
