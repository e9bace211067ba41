namespace Kindred.Data.Entities;

/// <summary>Who may mention a member (ADR 75). Stored as an int. The organization account, moderators and up, and
/// safeguarding leads may always mention anyone.</summary>
public enum MentionPolicy
{
    Everyone = 0,

    /// <summary>Only accounts the member follows.</summary>
    Following = 1,

    /// <summary>Nobody but the organization, staff who moderate, and safeguarding leads.</summary>
    Nobody = 2,
}
