namespace Kindred.Data.Entities;

/// <summary>What a safeguarding lead decided about a <see cref="SafetyEscalation"/> (ADR 75). Stored as an int.</summary>
public enum SafetyDecision
{
    /// <summary>Contact may resume: the pause is lifted.</summary>
    Resolved = 1,

    /// <summary>The pause stays for good.</summary>
    KeptPaused = 2,

    /// <summary>The pause stays and a report goes to the moderators.</summary>
    Referred = 3,
}
