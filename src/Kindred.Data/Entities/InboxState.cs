namespace Kindred.Data.Entities;

/// <summary>Where a conversation with the organization stands in the staff inbox (ADR 66).</summary>
public enum InboxState
{
    /// <summary>Waiting for the organization.</summary>
    Open = 0,

    /// <summary>The organization answered; a new message from the member opens it again.</summary>
    Answered = 1,

    /// <summary>A staff member marked it done without answering; a new message opens it again.</summary>
    Done = 2,

    /// <summary>Put aside until <see cref="InboxConversation.SnoozedUntil"/>; open again from then, or at a new message.</summary>
    Snoozed = 3,
}
