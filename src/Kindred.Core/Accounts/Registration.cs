namespace Kindred.Core.Accounts;

/// <summary>What a newcomer submits on the sign-up page or through POST /api/v1/accounts.</summary>
public sealed record Registration(
    string Username,
    string Email,
    string Password,
    string Locale,
    bool AcceptedRules,
    string? ApplicationText = null,
    string? InvitationCode = null);
