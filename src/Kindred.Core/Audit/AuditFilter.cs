namespace Kindred.Core.Audit;

/// <summary>What /admin/audit asks for: an actor's username, an action, and a range of days (inclusive, in <see cref="Zone"/>).</summary>
public sealed record AuditFilter(string? Actor, string? Action, DateOnly? From, DateOnly? To, TimeZoneInfo Zone);
