using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>An aid item as a list shows it, with its category and, when known, its distance from the viewer's home area.</summary>
public sealed record AidListEntry(AidItem Item, AidCategory Category, Account Owner, double? DistanceKm);
