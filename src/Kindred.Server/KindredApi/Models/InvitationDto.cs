namespace Kindred.Server.KindredApi.Models;

/// <summary>An invitation as its creator sees it (Kindred extension; state is active, expired, used_up or revoked).</summary>
public sealed record InvitationDto(
    string Id,
    string Code,
    string Url,
    string Message,
    string? Email,
    string? GroupId,
    int? MaxUses,
    int Uses,
    DateTime? ExpiresAt,
    DateTime CreatedAt,
    bool Revoked,
    string State);
