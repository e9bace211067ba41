namespace Kindred.Core.Aid;

/// <summary>A safeguarding lead as staff pages and the API list them.</summary>
public sealed record SafeguardingLeadRow(long AccountId, string Username, string DisplayName);
