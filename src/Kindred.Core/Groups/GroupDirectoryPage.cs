namespace Kindred.Core.Groups;

/// <summary>One page of the directory and whether another follows.</summary>
public sealed record GroupDirectoryPage(IReadOnlyList<GroupDirectoryEntry> Entries, bool HasMore);
