namespace Kindred.Server.Mastodon.Models;

/// <summary>The Report entity (Mastodon docs: entities/Report), as the reporter and the admin.report notification see it.</summary>
public sealed class MastodonReport
{
    public required string Id { get; init; }
    public required bool ActionTaken { get; init; }
    public required string? ActionTakenAt { get; init; }
    public required string Category { get; init; }
    public required string Comment { get; init; }
    public required bool Forwarded { get; init; }
    public required string CreatedAt { get; init; }
    public required IReadOnlyList<string> StatusIds { get; init; }
    public required IReadOnlyList<string> RuleIds { get; init; }
    public required MastodonAccount TargetAccount { get; init; }
}
