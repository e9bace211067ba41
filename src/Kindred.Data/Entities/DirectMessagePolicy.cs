namespace Kindred.Data.Entities;

/// <summary>Who may start or send a private message to a member. Stored as an int.</summary>
public enum DirectMessagePolicy
{
    Everyone = 0,

    /// <summary>Only accounts the member follows.</summary>
    Following = 1,
    Nobody = 2,
}
