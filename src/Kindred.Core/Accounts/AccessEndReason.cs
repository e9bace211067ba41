namespace Kindred.Core.Accounts;

/// <summary>Why every credential of a member was ended (ADR 44); written to the log.</summary>
public enum AccessEndReason
{
    PasswordReset,
    PasswordChange,
    SignOutEverywhere,
    TwoFactorChange,
    Suspension,
    RoleLoss,
    Deletion,
}
