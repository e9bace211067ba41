using Kindred.Data.Entities;

namespace Kindred.Core.Places;

/// <summary>One row of an import file: a place, or the reason it cannot be one.</summary>
public sealed record PlaceFileRow(int Line, string Name, double Latitude, double Longitude, string? Parent, PlaceKind Kind, string? Error);
