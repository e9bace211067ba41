namespace Kindred.Core.Places;

/// <summary>How many places an import added (zero whenever a row was bad) and the bad rows by line.</summary>
public sealed record PlaceImportResult(int Added, IReadOnlyList<PlaceImportError> Errors);
