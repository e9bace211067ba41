namespace Kindred.Core.Notifications;

/// <summary>
/// The tabs of the notifications page (ADR 85) and the types each one shows; "all" shows every type. A type may sit in
/// two tabs: a safeguarding alert about an aid conversation is both help and a staff duty. The staff tab holds what
/// only staff, moderators and safeguarding leads are sent, and is offered only to staff and moderators.
/// </summary>
public static class NotificationTabs
{
    public const string All = "all";
    public const string Mentions = "mentions";
    public const string Help = "help";
    public const string Events = "events";
    public const string Groups = "groups";
    public const string Staff = "staff";

    /// <summary>In the order the page shows them.</summary>
    public static readonly string[] Names = [All, Mentions, Help, Events, Groups, Staff];

    /// <summary>The types a tab shows; empty for "all" (no narrowing).</summary>
    public static IReadOnlyList<string> Types(string tab) => tab switch
    {
        Mentions => [NotificationTypes.Mention],
        Help =>
        [
            NotificationTypes.AidMatch, NotificationTypes.AidResponse, NotificationTypes.AidAccepted, NotificationTypes.AidMessage,
            NotificationTypes.AidClosingSoon, NotificationTypes.AidEscalation, NotificationTypes.AidThanks,
            NotificationTypes.AidReviewResumed, NotificationTypes.AidReviewClosed,
        ],
        Events => [NotificationTypes.EventReminder, NotificationTypes.EventUpdate, NotificationTypes.EventParticipationAccepted, NotificationTypes.EventFollowUp],
        Groups => [NotificationTypes.GroupRequest, NotificationTypes.GroupApproval],
        Staff => [NotificationTypes.AdminReport, NotificationTypes.ApplicationWaiting, NotificationTypes.AidEscalation, NotificationTypes.SafetyEscalation],
        _ => [],
    };
}
