namespace Kindred.Core.Invitations;

/// <summary>
/// An invitation to create: how often and how long it works, staff's own <paramref name="Note"/>, the inviter's
/// <paramref name="Message"/> to the person invited, and the group it brings them into.
/// </summary>
public sealed record NewInvitation(int? MaxUses, TimeSpan? ExpiresIn, string? Note = null, string? Email = null, string? Message = null, long? GroupId = null);
