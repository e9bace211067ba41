namespace Kindred.Core.Inbox;

/// <summary>The event an event question is about (ADR 76): its id for the link and its title.</summary>
public sealed record InboxEvent(long Id, string Title);
