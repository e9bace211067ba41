using Kindred.Data.Entities;

namespace Kindred.Core.Inbox;

/// <summary>One conversation in the inbox list. <paramref name="Replying"/> (<paramref name="ReplyingId"/>) is the staff member whose lease on the reply
/// box is live, null when nobody is writing. <paramref name="Event"/> is the event an event question is about.</summary>
public sealed record InboxRow(
    long Id,
    string Username,
    string DisplayName,
    string Kind,
    InboxState State,
    DateTime WaitingSince,
    DateTime LastMessageAt,
    DateTime? SnoozedUntil,
    string? AssignedTo,
    long? ReplyingId,
    string? Replying,
    string LastText,
    InboxEvent? Event = null);
