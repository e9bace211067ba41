namespace Kindred.Core.Aid;

/// <summary>One page of aid items with the distance from the viewer's home area where both are known.</summary>
public sealed record AidBrowsePage(IReadOnlyList<AidListEntry> Entries, bool HasMore);
