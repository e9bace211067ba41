namespace Kindred.Server.Mastodon.Models;

/// <summary>The Admin::Report entity (Mastodon docs: entities/Admin_Report), in Mastodon's key order (ADR 72).</summary>
public sealed class MastodonAdminReport
{
    public required string Id { get; init; }
    public required bool ActionTaken { get; init; }
    public required string? ActionTakenAt { get; init; }
    public required string Category { get; init; }
    public required string Comment { get; init; }
    public required bool Forwarded { get; init; }
    public required string CreatedAt { get; init; }
    public required string UpdatedAt { get; init; }
    public required MastodonAdminAccount Account { get; init; }
    public required MastodonAdminAccount TargetAccount { get; init; }
    public required MastodonAdminAccount? AssignedAccount { get; init; }
    public required MastodonAdminAccount? ActionTakenByAccount { get; init; }
    public required IReadOnlyList<object> Statuses { get; init; }
    public required IReadOnlyList<MastodonRule> Rules { get; init; }
}
