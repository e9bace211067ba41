namespace Kindred.Server.KindredApi.Models;

/// <summary>An aid item found by search (Kindred extension of the Search entity, ADR 31): only what a result line needs.</summary>
public sealed record KindredAidSearchResult(string Id, string Kind, string Title, string? AreaName, bool Sensitive, string Url);
