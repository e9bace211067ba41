namespace Kindred.Data.Entities;

/// <summary>
/// One moderation action against a member's account (ADR 67; Mastodon calls it an account warning). The member sees
/// it with its message and the rules cited; moderators see every strike of an account beside its next report. Undoing
/// it keeps the row and sets <see cref="UndoneAt"/>, so the history stays whole.
/// </summary>
public class Strike
{
    public long Id { get; set; }

    /// <summary>The member acted on.</summary>
    public long AccountId { get; set; }

    /// <summary>The moderator who acted; null once their account is gone (the audit log keeps who it was).</summary>
    public long? ModeratorId { get; set; }

    /// <summary>The report that led to it, if any.</summary>
    public long? ReportId { get; set; }
    public StrikeAction Action { get; set; }

    /// <summary>The moderator's words to the member.</summary>
    public string Text { get; set; } = "";

    /// <summary>The instance rules cited; kept as ids even if a rule is later removed, as on reports.</summary>
    public List<long> RuleIds { get; set; } = [];

    /// <summary>The posts the action changed (removed or marked sensitive by it, not those already so), for undo.</summary>
    public List<long> StatusIds { get; set; } = [];

    /// <summary>The group a <see cref="StrikeAction.RemoveFromGroup"/> removed the member from; null for other actions
    /// and once the group is deleted.</summary>
    public long? GroupId { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? UndoneAt { get; set; }
    public long? UndoneById { get; set; }
}
