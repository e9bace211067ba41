namespace Kindred.Data.Entities;

/// <summary>Who may know a group exists and read it (ADR 20).</summary>
public enum GroupVisibility
{
    /// <summary>Everyone, anonymous visitors included; its posts are public.</summary>
    Public = 0,

    /// <summary>Signed-in members of this server see the group; only its members read its posts.</summary>
    Members = 1,

    /// <summary>Only its members know it exists; to everyone else it is a 404.</summary>
    Secret = 2,
}
