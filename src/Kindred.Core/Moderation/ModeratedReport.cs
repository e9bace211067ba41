using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>A report as the moderators' API shows it (ADR 72): the report with its snapshot, the accounts it names and the rules it cites that still exist.</summary>
public sealed record ModeratedReport(
    Report Report,
    ModeratedAccount Reporter,
    ModeratedAccount Target,
    ModeratedAccount? Assigned,
    ModeratedAccount? DecidedBy,
    IReadOnlyList<InstanceRule> Rules);
