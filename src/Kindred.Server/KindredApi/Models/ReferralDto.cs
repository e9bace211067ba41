using System.Text.Json.Serialization;

namespace Kindred.Server.KindredApi.Models;

/// <summary>One person in the staff referral tree (Kindred extension): whom they brought, how many, how active they are.</summary>
public sealed record ReferralDto(
    string AccountId,
    string Username,
    string DisplayName,
    string? InvitedById,
    DateTime JoinedAt,
    int DirectCount,
    int TotalCount,
    [property: JsonPropertyName("statuses_last_30_days")] int StatusesLast30Days,
    DateTime? LastActiveAt,
    IReadOnlyList<ReferralDto> Children,
    int MoreChildrenCount);
