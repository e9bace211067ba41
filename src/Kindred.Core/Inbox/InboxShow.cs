namespace Kindred.Core.Inbox;

/// <summary>Which conversations the inbox lists (ADR 66).</summary>
public enum InboxShow
{
    /// <summary>Everything waiting: open, and snoozed ones whose time has come.</summary>
    Open = 0,

    /// <summary>Waiting and assigned to the viewer.</summary>
    Mine = 1,

    /// <summary>Waiting and assigned to nobody.</summary>
    Unassigned = 2,

    /// <summary>Answered, done, or snoozed until later.</summary>
    Closed = 3,
}
