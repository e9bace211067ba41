namespace Kindred.Core.Relationships;

/// <summary>One reason shown beside a suggested person: "3 shared groups", "also into gardening", "near Riverside".</summary>
public sealed record SuggestionReason(SuggestionReasonKind Kind, int Count = 0, string? Detail = null);
