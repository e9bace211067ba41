using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>
/// An open report as a group's moderators see it (ADR 74): when, the category, the member reported and whether they are
/// banned from the group, and only the reported posts of this group, as they were when reported. Never the reporter, the
/// reporter's comment (written for the server's moderators) nor the member's strikes. <see cref="AllInGroup"/> says
/// whether every reported post is in the group, the condition for the group to dismiss it.
/// </summary>
public sealed record GroupReport(
    long Id,
    DateTime CreatedAt,
    ReportCategory Category,
    long TargetId,
    string TargetUsername,
    string TargetDisplayName,
    bool TargetBanned,
    bool AllInGroup,
    IReadOnlyList<GroupReportedPost> Posts);
