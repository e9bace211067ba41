namespace Kindred.Core.Places;

/// <summary>A bad row of an import: its line (0 for the file as a whole) and why.</summary>
public sealed record PlaceImportError(int Line, string Reason);
