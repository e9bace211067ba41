using Kindred.Data.Entities;

namespace Kindred.Core.Groups;

/// <summary>A member in a group's member list, with their role; <see cref="RowId"/> (the account id) is the paging key.</summary>
public sealed record ListedMember(long RowId, Account Account, GroupRole Role, DateTime JoinedAt);
