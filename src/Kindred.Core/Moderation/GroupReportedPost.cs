using Kindred.Data.Entities;

namespace Kindred.Core.Moderation;

/// <summary>A reported post of the group as it was when reported, and whether it is removed now.</summary>
public sealed record GroupReportedPost(ReportedStatus Snapshot, bool Removed);
