namespace Kindred.Server.KindredApi.Models;

/// <summary>A conversation of the staff inbox (Kindred extension, ADR 66). kind is mention, direct, reply or group;
/// state is open, answered, done or snoozed; replying is the staff member holding the reply box, if any.
/// messages is present on the single conversation only.</summary>
public sealed record InboxConversationDto(
    string Id,
    string Username,
    string Kind,
    string State,
    DateTime WaitingSince,
    DateTime LastMessageAt,
    DateTime? SnoozedUntil,
    string? AssignedTo,
    string? Replying,
    string LastText,
    string? LastStatusId,
    IReadOnlyList<InboxMessageDto>? Messages);
