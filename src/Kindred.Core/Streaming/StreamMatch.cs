using Kindred.Core.Filters;
using Kindred.Data.Entities;

namespace Kindred.Core.Streaming;

/// <summary>A status event that reaches a subscriber: the status (loaded for rendering), which of their streams it
/// belongs in, and the subscriber's live filters (for <c>filtered</c> in each stream's context).</summary>
public sealed record StreamMatch(Status Status, IReadOnlyList<StreamKey> Keys, ActiveFilters Filters);
