namespace Kindred.Server.KindredApi.Models;

/// <summary>
/// "I feel unsafe" in an aid conversation (Kindred extension). resumed is null until a lead reviews it, then true
/// (the conversation may go on) or false (closed). conversation is present for leads and the parties.
/// </summary>
public sealed record AidEscalationDto(
    string Id,
    string ResponseId,
    string RaisedById,
    string Reason,
    DateTime CreatedAt,
    DateTime? ReviewedAt,
    string? ReviewedById,
    bool? Resumed,
    string ReviewNote,
    AidResponseDto? Conversation);
