namespace Kindred.Server.KindredApi.Models;

/// <summary>A message in an aid conversation: plain text, never HTML (Kindred extension).</summary>
public sealed record AidMessageDto(string Id, string ResponseId, string AccountId, string Text, DateTime CreatedAt);
