namespace Kindred.Core.Aid;

/// <summary>One ranked candidate: who would be told (<paramref name="AccountId"/>) and, for offers and requests, the item.</summary>
public sealed record AidMatch(AidMatchKind Kind, long AccountId, long? ItemId, double? DistanceKm, double Score);
