namespace Kindred.Data.Entities;

/// <summary>What may come as an instant e-mail (ADR 82). Stored as what the member turned off, so every kind is on
/// unless they chose otherwise, as with digests and announcements.</summary>
[Flags]
public enum InstantEmailKinds
{
    None = 0,

    /// <summary>Someone mentioned the member in a post they may read; only while the member has been away an hour.</summary>
    Mentions = 1,

    /// <summary>A private message (a direct post naming the member); only while the member has been away an hour.</summary>
    DirectMessages = 2,

    /// <summary>Someone answered the member's request or offer of help.</summary>
    AidResponses = 4,

    /// <summary>An event the member is going to moved, changed place or was cancelled.</summary>
    EventChanges = 8,

    All = Mentions | DirectMessages | AidResponses | EventChanges,
}
