using Kindred.Data.Entities;

namespace Kindred.Core.Filters;

/// <summary>Why a filter matched a status: the keywords found in it and the status's id when it is itself one of the
/// filter's (Mastodon's FilterResult).</summary>
public sealed record FilterMatch(Filter Filter, IReadOnlyList<string> KeywordMatches, long? StatusMatched);
