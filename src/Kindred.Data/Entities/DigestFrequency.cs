namespace Kindred.Data.Entities;

/// <summary>How often a member gets the digest e-mail (ADR 25). Weekly is the zero value on purpose: it is the
/// default for new members and the value the migration gives every existing one.</summary>
public enum DigestFrequency
{
    Weekly = 0,
    Daily = 1,
    Off = 2,
}
