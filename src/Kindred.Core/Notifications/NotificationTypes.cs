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

    public static readonly string[] All = [Mention, Status, Reblog, Follow, FollowRequest, Favourite, Update, Poll, AdminReport];
}
