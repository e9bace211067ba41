namespace Kindred.Data.Entities;

/// <summary>
/// A member's choice about notifications from people they may not know (Mastodon's NotificationPolicy, ADR 79). No row
/// means Mastodon's defaults, which the initial values here are.
/// </summary>
public class NotificationPolicy
{
    public long AccountId { get; set; }

    /// <summary>From accounts the member does not follow.</summary>
    public NotificationPolicyValue ForNotFollowing { get; set; }

    /// <summary>From accounts that do not follow the member, or have for less than three days.</summary>
    public NotificationPolicyValue ForNotFollowers { get; set; }

    /// <summary>From accounts created less than 30 days ago.</summary>
    public NotificationPolicyValue ForNewAccounts { get; set; }

    /// <summary>Private mentions from accounts the member does not follow, unless they answer the member. Accepted by
    /// default, unlike Mastodon: in a community a private message from another member (an offer of help, an aid
    /// conversation) is expected, and who may send one at all is the member's messaging choice (ADR 75, ADR 79).</summary>
    public NotificationPolicyValue ForPrivateMentions { get; set; }

    /// <summary>From accounts a moderator limited, unless the member follows them.</summary>
    public NotificationPolicyValue ForLimitedAccounts { get; set; } = NotificationPolicyValue.Filter;

    public DateTime UpdatedAt { get; set; }
}
