namespace Kindred.Core.Moderation;

/// <summary>What the moderators' report list is narrowed to (ADR 72): decided or open (null for both), who filed it, whom it is about.</summary>
public sealed record ReportFilter(bool? Resolved = null, long? AccountId = null, long? TargetAccountId = null);
