namespace Kindred.Core.Demo;

/// <summary>A planned invitation; <see cref="CreatedBy"/> is an actor index.</summary>
internal sealed record DemoInvitation(
    int Key,
    int CreatedBy,
    DateTime At,
    string? Email = null,
    string Note = "",
    int? MaxUses = null,
    DateTime? ExpiresAt = null,
    int? Group = null,
    bool Revoked = false);
