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

    /// <summary>Someone applied to join; sent to those who decide applications (ADR 59), "from" the recipient, since
    /// the applicant's account is not active yet.</summary>
    public const string ApplicationWaiting = "application_waiting";

    /// <summary>A moderator acted on the recipient's account (ADR 67); Mastodon's name. It comes from the recipient, so
    /// no moderator is named; the member reads the decision on their warnings page.</summary>
    public const string ModerationWarning = "moderation_warning";

    // Mutual aid (ADR 27); each is shown only while its item is visible to the recipient (AidVisibility).

    /// <summary>A new request or offer that fits what the recipient offered or asked for, or their helper opt-in.</summary>
    public const string AidMatch = "aid_match";

    /// <summary>Someone answered the recipient's request or offer ("I can help" / "I'd like this").</summary>
    public const string AidResponse = "aid_response";

    /// <summary>The owner accepted the recipient's answer.</summary>
    public const string AidAccepted = "aid_accepted";

    /// <summary>A new message in one of the recipient's aid conversations.</summary>
    public const string AidMessage = "aid_message";

    /// <summary>The recipient's open item closes soon by itself.</summary>
    public const string AidClosingSoon = "aid_closing_soon";

    /// <summary>"I feel unsafe" in an aid conversation; sent to safeguarding leads.</summary>
    public const string AidEscalation = "aid_escalation";

    /// <summary>"I feel unsafe" in a private conversation or about a profile; sent to safeguarding leads (ADR 75).</summary>
    public const string SafetyEscalation = "safety_escalation";

    /// <summary>A requester thanked the recipient for their help.</summary>
    public const string AidThanks = "aid_thanks";

    /// <summary>A safeguarding lead reviewed an escalation and the recipient's aid conversation may go on (ADR 35).</summary>
    public const string AidReviewResumed = "aid_review_resumed";

    /// <summary>A safeguarding lead reviewed an escalation and closed the recipient's aid conversation for good (ADR 35).</summary>
    public const string AidReviewClosed = "aid_review_closed";

    // Events (ADR 28), under the names Rebased and Soapbox already use where they have one.

    /// <summary>An event the recipient is going to starts soon.</summary>
    public const string EventReminder = "pleroma:event_reminder";

    /// <summary>An event the recipient answered for changed or was cancelled.</summary>
    public const string EventUpdate = "pleroma:event_update";

    /// <summary>A place freed up and the recipient moved from the waiting list to going.</summary>
    public const string EventParticipationAccepted = "pleroma:participation_accepted";

    /// <summary>After an event: share photos and thoughts (attendees) or follow up (the organizer).</summary>
    public const string EventFollowUp = "event_followup";

    public static readonly string[] All =
    [
        Mention, Status, Reblog, Follow, FollowRequest, Favourite, Update, Poll, AdminReport, ApplicationWaiting, ModerationWarning, GroupRequest, GroupApproval,
        AidMatch, AidResponse, AidAccepted, AidMessage, AidClosingSoon, AidEscalation, AidThanks, AidReviewResumed, AidReviewClosed, SafetyEscalation,
        EventReminder, EventUpdate, EventParticipationAccepted, EventFollowUp,
    ];

    /// <summary>
    /// The types a member's <see cref="Data.Entities.NotificationPolicy"/> may filter or drop (ADR 79): what strangers can
    /// start. Duties (reports, applications, group requests, safeguarding alerts), answers to the member's own action
    /// (a poll they voted in, an edit of a post they shared, an approval, an accepted answer) and events they chose to go to
    /// always arrive, as Mastodon never filters reports, polls, edits or moderation warnings.
    /// </summary>
    public static readonly string[] Filterable =
    [
        Mention, Status, Reblog, Follow, FollowRequest, Favourite, AidMatch, AidResponse, AidMessage, AidThanks,
    ];
}
