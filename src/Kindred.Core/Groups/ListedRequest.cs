using Kindred.Data.Entities;

namespace Kindred.Core.Groups;

/// <summary>A pending request to join, with who asked and their answers; <see cref="RowId"/> (the request id) is the paging key.</summary>
public sealed record ListedRequest(long RowId, Account Account, GroupMembershipRequest Request);
