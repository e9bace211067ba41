using Kindred.Data.Entities;

namespace Kindred.Core.Audit;

/// <summary>An entry with its actor's username (null for the command line or an account since removed).</summary>
public sealed record AuditRow(AuditEntry Entry, string? ActorUsername);
