namespace Kindred.Server.KindredApi.Models;

/// <summary>A safeguarding lead as admins see them (Kindred extension, ADR 31).</summary>
public sealed record SafeguardingLeadDto(string AccountId, string Username, string DisplayName);
