using Kindred.Data.Entities;

namespace Kindred.Core.Accounts;

/// <summary>What an admin types for a sign-up IP rule (ADR 73): an address or CIDR range, what it does, when it ends.</summary>
public sealed record NewSignUpIpRule(string? Network, SignUpIpSeverity Severity, DateTime? ExpiresAt, string? Comment);
