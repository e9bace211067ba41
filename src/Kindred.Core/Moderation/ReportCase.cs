using Kindred.Core.Reports;
using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>
/// A report as the moderator decides it: the report and its snapshot, the account's status (null for a remote
/// account) and whether this moderator may act on it, its earlier reports and its strikes, and the usernames of the
/// moderators named in them; the groups the account may be removed from (<see cref="StrikeGroups"/>) and the names of
/// the groups its strikes name.
/// </summary>
public sealed record ReportCase(
    ListedReport Listed,
    IReadOnlyList<ReportedStatus> Snapshot,
    UserStatus? TargetStatus,
    bool MayAct,
    IReadOnlyList<ListedReport> EarlierReports,
    IReadOnlyList<Strike> Strikes,
    IReadOnlyDictionary<long, string> ModeratorNames,
    IReadOnlyList<StrikeGroup> GroupChoices,
    IReadOnlyDictionary<long, string> GroupNames);
