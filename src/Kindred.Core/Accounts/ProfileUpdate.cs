using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>A change to a profile; null means "leave as it is".</summary>
public sealed class ProfileUpdate
{
    public string? DisplayName { get; init; }
    public string? Note { get; init; }
    public bool? Locked { get; init; }
    public bool? Discoverable { get; init; }
    public bool? Bot { get; init; }
    /// <summary>"Hide my network": followers and follows lists shown only to the member.</summary>
    public bool? HideCollections { get; init; }
    public string? AreaName { get; init; }
    /// <summary>Set both, or clear both with <see cref="ClearCoordinates"/>.</summary>
    public double? Latitude { get; init; }
    public double? Longitude { get; init; }
    public bool ClearCoordinates { get; init; }
    public ProfileVisibility? AreaVisibility { get; init; }
    public ProfileVisibility? TagsVisibility { get; init; }
    /// <summary>Who may send the member private messages (ADR 17).</summary>
    public DirectMessagePolicy? DirectMessages { get; init; }
    /// <summary>Who may mention the member (ADR 75).</summary>
    public MentionPolicy? Mentions { get; init; }
    public IReadOnlyList<string>? Interests { get; init; }
    public IReadOnlyList<string>? Skills { get; init; }
    public IReadOnlyList<(string Name, string Value)>? Fields { get; init; }
    public string? Locale { get; init; }
    public Stream? Avatar { get; init; }
    public Stream? Header { get; init; }
    public bool RemoveAvatar { get; init; }
    public bool RemoveHeader { get; init; }
}
