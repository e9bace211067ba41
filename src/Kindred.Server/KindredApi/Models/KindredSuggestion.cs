namespace Kindred.Server.KindredApi.Models;

/// <summary>The "kindred" key on a Suggestion: why this person, strongest reason first.</summary>
public sealed class KindredSuggestion
{
    public required IReadOnlyList<KindredSuggestionReason> Reasons { get; init; }
}
