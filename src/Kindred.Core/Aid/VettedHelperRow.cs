using Kindred.Data.Entities;

namespace Kindred.Core.Aid;

/// <summary>One grant of vetted-helper status with the names a staff page and the API show beside it.</summary>
public sealed record VettedHelperRow(VettedHelper Grant, string Username, string DisplayName, string GrantedBy, string? RevokedBy)
{
    public bool Current => Grant.RevokedAt is null;
}
