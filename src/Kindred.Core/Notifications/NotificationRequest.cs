namespace Kindred.Core.Notifications;

/// <summary>
/// What one sender's held-back notifications add up to (Mastodon's NotificationRequest, ADR 79). Its id is the sender's
/// account id: a member has at most one request per sender, and it is made of the filtered notifications themselves.
/// </summary>
public sealed record NotificationRequest(long FromAccountId, int Count, DateTime CreatedAt, DateTime UpdatedAt, long? LastStatusId);
