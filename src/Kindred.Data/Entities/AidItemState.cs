namespace Kindred.Data.Entities;

/// <summary>An aid item's lifecycle: open → in progress → fulfilled, closed or expired (ADR 27).</summary>
public enum AidItemState
{
    Open = 0,
    /// <summary>The owner accepted at least one response.</summary>
    InProgress = 1,
    Fulfilled = 2,
    /// <summary>Closed by its owner (or by a safeguarding lead) without being fulfilled.</summary>
    Closed = 3,
    /// <summary>Reached <see cref="AidItem.ExpiresAt"/> while still open or in progress.</summary>
    Expired = 4,
}
