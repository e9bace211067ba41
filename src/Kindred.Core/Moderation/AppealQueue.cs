namespace Kindred.Core.Moderation;

/// <summary>The appeals queue: the waiting appeals, oldest first, then the latest decided.</summary>
public sealed record AppealQueue(IReadOnlyList<ListedAppeal> Waiting, IReadOnlyList<ListedAppeal> Decided);
