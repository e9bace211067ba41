namespace Kindred.Core.Announcements;

/// <summary>Who an announcement is e-mailed to.</summary>
public enum AnnouncementAudienceKind
{
    /// <summary>Every member.</summary>
    Everyone = 0,

    /// <summary>Members of at least one of the chosen groups or chapters.</summary>
    Groups = 1,

    /// <summary>Members who hold one of the chosen server roles.</summary>
    Roles = 2,

    /// <summary>Members a filter of the staff people list finds (ADR 76).</summary>
    People = 3,
}
