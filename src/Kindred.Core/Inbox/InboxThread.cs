namespace Kindred.Core.Inbox;

/// <summary>One conversation with its messages, oldest first (ADR 66).</summary>
public sealed record InboxThread(InboxRow Conversation, long LastStatusId, IReadOnlyList<InboxMessageView> Messages);
