namespace Kindred.Server.KindredApi.Models;

/// <summary>A vetted-helper grant as staff see it (Kindred extension, ADR 31); current while revoked_at is null.</summary>
public sealed record VettedHelperDto(
    string Id,
    string AccountId,
    string Username,
    string DisplayName,
    string VettedOn,
    string Note,
    DateTime GrantedAt,
    string GrantedBy,
    DateTime? RevokedAt,
    string? RevokedBy,
    string? RevokeNote,
    bool Current);
