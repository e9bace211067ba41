using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>
/// An appeal as a moderator decides it (ADR 71): the member's words, the strike appealed, the report that led to it
/// with its snapshot (the posts as they were when reported), whether this moderator may decide (not the strike's
/// author, and only on an account they could act on) and the usernames of the moderators named.
/// </summary>
public sealed record AppealCase(
    Appeal Appeal,
    Strike Strike,
    Account Member,
    UserStatus MemberStatus,
    Report? Report,
    IReadOnlyList<ReportedStatus> Snapshot,
    bool IssuedByViewer,
    bool MayAct,
    IReadOnlyDictionary<long, string> ModeratorNames);
