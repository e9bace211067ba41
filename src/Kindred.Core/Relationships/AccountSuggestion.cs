using Kindred.Data.Entities;

namespace Kindred.Core.Relationships;

/// <summary>Someone the viewer may know, with the reasons to show (strongest first).</summary>
public sealed record AccountSuggestion(Account Account, IReadOnlyList<SuggestionReason> Reasons);
