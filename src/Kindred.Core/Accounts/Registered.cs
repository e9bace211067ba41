using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>
/// What a sign-up tells its front door. When the address already had an account, <see cref="User"/> is null and the
/// owner was mailed instead; the other two fields are what they would have been for a new account, so both answers
/// look the same (ADR 47).
/// </summary>
/// <param name="User">The new account, or null when the address was taken.</param>
/// <param name="NeedsConfirmation">A confirmation link was (or would have been) mailed.</param>
/// <param name="NeedsApproval">An admin must approve the application first.</param>
public sealed record Registered(User? User, bool NeedsConfirmation, bool NeedsApproval);
