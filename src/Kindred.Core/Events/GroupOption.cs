namespace Kindred.Core.Events;

/// <summary>A group offered in an event form or filter: one the member belongs to (or may organize events for).</summary>
public sealed record GroupOption(long Id, string Name, string Slug);
