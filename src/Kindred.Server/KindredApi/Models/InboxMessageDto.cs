namespace Kindred.Server.KindredApi.Models;

/// <summary>A message of an inbox conversation: the member's, or the organization's answer.</summary>
public sealed record InboxMessageDto(string StatusId, string Username, bool FromOrganization, string Text, string SpoilerText, DateTime CreatedAt);
