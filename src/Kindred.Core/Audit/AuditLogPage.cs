namespace Kindred.Core.Audit;

/// <summary>One page of the log, newest first, and the id to pass as <c>before</c> for the next (older) page.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditRow> Rows, long? NextBefore);
