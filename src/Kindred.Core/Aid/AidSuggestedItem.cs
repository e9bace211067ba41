using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>An item suggested to the owner of another, with its owner's username and the band of its distance (null for
/// a sensitive item the viewer is not answering, ADR 43).</summary>
public sealed record AidSuggestedItem(AidItem Item, string Username, DistanceBand? Distance, double Score);
