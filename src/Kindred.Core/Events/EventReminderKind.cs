namespace Kindred.Core.Events;

/// <summary>The kinds claimed in <see cref="Data.Entities.EventReminderSend.Kind"/> (at most 16 characters).</summary>
public static class EventReminderKind
{
    public const string Day = "day";
    public const string Hour = "hour";

    /// <summary>"Share photos and thoughts", to each attendee.</summary>
    public const string FollowUp = "followup";

    /// <summary>"Follow up with the people who came", to the organizer (the column holds 16 characters).</summary>
    public const string OrganizerFollowUp = "followup-org";
}
