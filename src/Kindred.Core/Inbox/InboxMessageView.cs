namespace Kindred.Core.Inbox;

/// <summary>A message of a conversation as staff read it; <paramref name="Username"/> is the writer, the organization's
/// account for its answers.</summary>
public sealed record InboxMessageView(long StatusId, string Username, string DisplayName, bool FromOrganization, string Text, string SpoilerText, DateTime CreatedAt);
