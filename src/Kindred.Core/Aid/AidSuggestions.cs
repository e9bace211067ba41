using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>
/// What the owner of an item sees on its matches page: the items that fit (offers for a request, requests for an offer),
/// and for a request only how many opted-in helpers fit, never who they are (ADR 31).
/// </summary>
public sealed record AidSuggestions(AidItem Item, IReadOnlyList<AidSuggestedItem> Items, int Helpers);
