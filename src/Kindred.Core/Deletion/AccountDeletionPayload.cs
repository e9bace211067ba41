namespace Kindred.Core.Deletion;

/// <summary>The account <see cref="AccountDeletionJob"/> erases once its grace period is over.</summary>
public sealed record AccountDeletionPayload(long UserId);
