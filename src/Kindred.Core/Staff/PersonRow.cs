namespace Kindred.Core.Staff;

/// <summary>One member in the people list (and its CSV): what staff filter by, never notes.</summary>
/// <param name="Area">The home area's name, unless the member keeps it to themselves.</param>
/// <param name="LastActiveAt">The latest of the last sign-in, the last post and the last page seen in a session.</param>
/// <param name="Tags">The member's current staff tags.</param>
public sealed record PersonRow(
    long Id,
    string Username,
    string DisplayName,
    DateTime JoinedAt,
    DateTime? LastActiveAt,
    string? Area,
    IReadOnlyList<string> Tags);
