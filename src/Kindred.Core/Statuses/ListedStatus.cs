using Kindred.Data.Entities;

namespace Kindred.Core.Statuses;

/// <summary>A status in a favourites or bookmarks list, with the id of the row that put it there (the paging key).</summary>
public sealed record ListedStatus(long RowId, Status Status);
