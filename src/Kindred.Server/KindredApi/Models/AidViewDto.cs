namespace Kindred.Server.KindredApi.Models;

/// <summary>One line of the audit trail of sensitive items, for safeguarding leads (Kindred extension, ADR 31).</summary>
public sealed record AidViewDto(string Id, string ItemId, string ItemTitle, string AccountId, string Username, DateTime ViewedAt, string Via);
