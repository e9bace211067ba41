namespace Kindred.Core.Moderation;

/// <summary>An address a member's signed-in browser used, and when last (ADR 72).</summary>
public sealed record AccountIp(string Ip, DateTime UsedAt);
