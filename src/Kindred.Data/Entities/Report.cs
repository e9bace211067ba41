namespace Kindred.Data.Entities;

/// <summary>
/// A member's report of an account, optionally with some of its posts and the server rules they break, waiting for
/// the moderators. <see cref="ActionTakenAt"/> is null while the report is open; the moderation console sets it when a
/// moderator decides (ADR 67).
/// </summary>
public class Report
{
    public long Id { get; set; }

    /// <summary>Who reported. Moderators see it; the reported account never does.</summary>
    public long AccountId { get; set; }
    public long TargetAccountId { get; set; }

    /// <summary>The reported account's username and display name when reported: the snapshot moderators read (ADR 67),
    /// so a rename afterwards does not change what was reported.</summary>
    public string TargetUsername { get; set; } = "";
    public string TargetDisplayName { get; set; } = "";
    public ReportCategory Category { get; set; }
    public string Comment { get; set; } = "";

    /// <summary>Posts of the target attached as evidence, as the reporter could read them when reporting. Ids rather than
    /// a join table so a later deletion of the post does not erase what was reported (as on Mastodon).</summary>
    public List<long> StatusIds { get; set; } = [];

    /// <summary>The instance rules cited; kept as ids even if a rule is later removed.</summary>
    public List<long> RuleIds { get; set; } = [];

    /// <summary>The reporter asked for the report to go to the target's server too; stored only until federation exists.</summary>
    public bool Forward { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When a moderator resolved the report; null while it is open.</summary>
    public DateTime? ActionTakenAt { get; set; }
    public long? ActionTakenByAccountId { get; set; }

    /// <summary>The moderator who took the report on, so two do not work on it at once; null while nobody has.</summary>
    public long? AssignedAccountId { get; set; }

    /// <summary>The reported posts as they were when reported (ADR 67).</summary>
    public List<ReportedStatus> Snapshot { get; set; } = [];
}
