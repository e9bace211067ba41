namespace Kindred.Data.Entities;

/// <summary>Who may see an event (ADR 28).</summary>
public enum EventVisibility
{
    Public = 0,
    /// <summary>Signed-in members of this server.</summary>
    Members = 1,
    /// <summary>Members of the event's group.</summary>
    Group = 2,
}
