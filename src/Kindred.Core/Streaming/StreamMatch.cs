using Kindred.Data.Entities;

namespace Kindred.Core.Streaming;

/// <summary>A status event that reaches a subscriber: the status (loaded for rendering) and which of their streams it belongs in.</summary>
public sealed record StreamMatch(Status Status, IReadOnlyList<StreamKey> Keys);
