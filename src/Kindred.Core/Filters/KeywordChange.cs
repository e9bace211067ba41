namespace Kindred.Core.Filters;

/// <summary>One keyword to add (no id), change or remove; null leaves a value as it is.</summary>
public sealed record KeywordChange(long? Id, string? Keyword, bool? WholeWord, bool Destroy = false);
