using Kindred.Data.Entities;

namespace Kindred.Core.Preferences;

/// <summary>What to change; null leaves a preference as it is. An empty <see cref="Language"/> clears the default language.</summary>
public sealed record PreferencesUpdate
{
    public Audience? Visibility { get; init; }
    public bool? Sensitive { get; init; }
    public string? Language { get; init; }
    public MediaExpansion? ExpandMedia { get; init; }
    public bool? ExpandSpoilers { get; init; }
}
