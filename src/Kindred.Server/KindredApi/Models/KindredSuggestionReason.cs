namespace Kindred.Server.KindredApi.Models;

/// <summary>One reason: "shared_groups" (count), "shared_interest" (tag, count), "nearby" (area, null when they named
/// none), "mutual_follows" (count) or "follows_you". Parts the suggested person hides from the caller are never used.</summary>
public sealed class KindredSuggestionReason
{
    public required string Type { get; init; }
    public int? Count { get; init; }
    public string? Tag { get; init; }
    public string? Area { get; init; }
}
