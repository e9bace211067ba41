namespace Kindred.Data.Entities;

public enum OutgoingMailState
{
    /// <summary>Waiting for its due time.</summary>
    Pending = 0,

    /// <summary>Claimed by one process until its due time; taken back after that.</summary>
    Sending = 1,
    Sent = 2,

    /// <summary>Given up after the last retry.</summary>
    Failed = 3,
}
