namespace Kindred.Core.Moderation;

/// <summary>The states the moderators' account list filters by (Mastodon's admin account statuses, ADR 72). Kindred has
/// one suspension, so <see cref="Disabled"/> and <see cref="Suspended"/> find the same accounts.</summary>
public enum AccountStanding
{
    Active,
    Pending,
    Disabled,
    Silenced,
    Suspended,
    Sensitized,
}
