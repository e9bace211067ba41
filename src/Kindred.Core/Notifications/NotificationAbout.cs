namespace Kindred.Core.Notifications;

/// <summary>What a notification is about, beside who it is from: at most one of each kind of thing.</summary>
public readonly record struct NotificationAbout(long? StatusId = null, long? GroupId = null, long? EventId = null, long? AidItemId = null, long? ReportId = null);
