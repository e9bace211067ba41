namespace Kindred.Core.Notifications;

/// <summary>What GET /api/v1/notifications narrows by: types[], exclude_types[] and account_id.</summary>
public sealed record NotificationFilter(IReadOnlyList<string> Types, IReadOnlyList<string> ExcludeTypes, long? FromAccountId);
