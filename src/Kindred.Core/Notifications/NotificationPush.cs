namespace Kindred.Core.Notifications;

/// <summary>
/// The job <see cref="Notify"/> enqueues for the notifications one unit of work created, when their recipients may
/// have push subscriptions (ADR 81). Its handler lives with push, above this feature; the kind's name and payload live
/// here so that notifications need not know about push.
/// </summary>
public sealed record NotificationPush(List<long> NotificationIds)
{
    public const string Kind = "push.fanout";
}
