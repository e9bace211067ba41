using Kindred.Data.Entities;

namespace Kindred.Core.Safety;

/// <summary>What a safeguarding lead reads about one escalation (ADR 75): who raised it, whom it pauses, and either the
/// escalated conversation as the member could read it, or the recent public interactions between the member and the
/// person it is about — nothing else private.</summary>
public sealed record SafetyCase(
    SafetyEscalation Escalation,
    IReadOnlyDictionary<long, Account> Accounts,
    IReadOnlyList<long> PausedIds,
    IReadOnlyList<Status> Statuses);
