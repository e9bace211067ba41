using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>An item suggested to the owner of another, with its owner's username and how far it is.</summary>
public sealed record AidSuggestedItem(AidItem Item, string Username, double? DistanceKm, double Score);
