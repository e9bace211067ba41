namespace Kindred.Core.Staff;

/// <summary>One page of the people list; <see cref="NextMaxId"/> asks for the next one (null on the last page).</summary>
public sealed record PeoplePage(IReadOnlyList<PersonRow> People, long? NextMaxId);
