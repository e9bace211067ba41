namespace Kindred.Server.Mastodon.Models;

/// <summary>One streaming message on a WebSocket (Mastodon docs: methods/streaming). The payload is a string holding JSON.</summary>
public sealed record MastodonStreamMessage(IReadOnlyList<string> Stream, string Event, string Payload);
