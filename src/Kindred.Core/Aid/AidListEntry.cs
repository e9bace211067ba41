using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>An aid item as a list shows it, with its category and, when the viewer may know it, the band of its distance
/// from the viewer's distance origin (ADR 43); null for the owner, without a place, and for a sensitive item the
/// viewer is not answering.</summary>
public sealed record AidListEntry(AidItem Item, AidCategory Category, Account Owner, DistanceBand? Distance);
