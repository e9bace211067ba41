namespace Kindred.Core.Invitations;

public sealed record NewInvitation(int? MaxUses, TimeSpan? ExpiresIn, string? Note = null, string? Email = null);
