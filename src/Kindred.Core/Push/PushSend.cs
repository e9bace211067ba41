namespace Kindred.Core.Push;

/// <summary>The payload of a <see cref="PushSendJob"/>: one notification to one subscription.</summary>
public sealed record PushSend(long SubscriptionId, long NotificationId);
