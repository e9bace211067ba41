namespace Kindred.Core.Invitations;

/// <summary>Someone who joined through an invitation, as its creator sees them.</summary>
public sealed record JoinedAccount(long AccountId, string Username, string DisplayName, DateTime JoinedAt);
