namespace Kindred.Data.Entities;

/// <summary>Where one person's answer to an aid item stands.</summary>
public enum AidResponseState
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
    /// <summary>The responder took it back.</summary>
    Withdrawn = 3,
}
