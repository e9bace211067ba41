namespace Kindred.Core.Audit;

/// <summary>What /admin/audit asks for: an actor's username, an action, a range of days (inclusive, in <see cref="Zone"/>)
/// and a group's address (its moderation entries only, ADR 74).</summary>
public sealed record AuditFilter(string? Actor, string? Action, DateOnly? From, DateOnly? To, TimeZoneInfo Zone, string? Group = null);
