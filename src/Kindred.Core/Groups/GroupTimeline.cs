using Kindred.Data.Entities;

namespace Kindred.Core.Groups;

/// <summary>A page of a group's feed: the pinned posts (first page only) and the page itself, whose ids make the paging links.</summary>
public sealed record GroupTimeline(IReadOnlyList<Status> Pinned, IReadOnlyList<Status> Page);
