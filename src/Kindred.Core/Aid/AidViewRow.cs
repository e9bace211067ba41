namespace Kindred.Core.Aid;

/// <summary>One line of the audit trail of sensitive items: who opened which item, when, and how.</summary>
public sealed record AidViewRow(long Id, long ItemId, string ItemTitle, long ViewerId, string ViewerUsername, DateTime ViewedAt, string Via);
