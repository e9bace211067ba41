using Kindred.Data.Entities;

namespace Kindred.Core.Filters;

/// <summary>What a create or update asks for; null leaves a value as it is (on create: the default).</summary>
/// <param name="ExpiresIn">Seconds from now; with <paramref name="SetsExpiry"/> and a null value, the filter never expires.</param>
/// <param name="Keywords">Keywords to add, change (with an id) or remove (<see cref="KeywordChange.Destroy"/>).</param>
public sealed record FilterChange(
    string? Title = null,
    FilterContexts? Contexts = null,
    FilterAction? Action = null,
    bool SetsExpiry = false,
    long? ExpiresIn = null,
    IReadOnlyList<KeywordChange>? Keywords = null);
