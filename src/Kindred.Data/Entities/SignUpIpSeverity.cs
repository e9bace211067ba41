namespace Kindred.Data.Entities;

/// <summary>What a sign-up IP rule does to a sign-up from its range (ADR 73); stored by name.</summary>
public enum SignUpIpSeverity
{
    /// <summary>The sign-up becomes an application that an admin approves, whatever the registration mode.</summary>
    NeedsApproval,

    /// <summary>The sign-up is refused.</summary>
    Refused,
}
