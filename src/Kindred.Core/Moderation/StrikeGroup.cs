namespace Kindred.Core.Moderation;

/// <summary>A group the console may remove a reported account from (ADR 74): its id and name.</summary>
public sealed record StrikeGroup(long Id, string Name);
