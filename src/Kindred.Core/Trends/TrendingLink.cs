using Kindred.Core.Tags;

namespace Kindred.Core.Trends;

/// <summary>A link shared in public posts of recent days, with its use per day (newest first).</summary>
public sealed record TrendingLink(string Url, string Host, IReadOnlyList<TagDay> History);
