using Kindred.Data.Entities;

namespace Kindred.Core.Relationships;

/// <summary>An account in a relationship list, with the id of the row that put it there (the paging key).</summary>
public sealed record ListedAccount(long RowId, Account Account, DateTime? MuteExpiresAt = null);
