namespace Kindred.Data.Entities;

/// <summary>
/// Who may see an aid item (ADR 27). Only a non-sensitive item may be public; every other audience keeps the item inside
/// this server: never shown to anonymous visitors, in public feeds or RSS, and never federated.
/// </summary>
public enum AidAudience
{
    /// <summary>All signed-in members of this server.</summary>
    Members = 0,
    /// <summary>The members of <see cref="AidItem.GroupId"/>.</summary>
    Group = 1,
    /// <summary>Members whose vetted-helper status is current.</summary>
    VettedHelpers = 2,
    /// <summary>Everyone, anonymous visitors included; never for a sensitive item.</summary>
    Public = 3,
}
