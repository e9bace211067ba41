namespace Kindred.Core.Accounts;

/// <summary>What a newcomer submits on the sign-up page or through POST /api/v1/accounts, and the address the request
/// came from (null when unknown), which the sign-up defences read and the account keeps (ADR 73).</summary>
public sealed record Registration(
    string Username,
    string Email,
    string Password,
    string Locale,
    bool AcceptedRules,
    string? ApplicationText = null,
    string? InvitationCode = null,
    System.Net.IPAddress? Ip = null);
