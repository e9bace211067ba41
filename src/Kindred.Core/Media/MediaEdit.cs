using Kindred.Data.Entities;

namespace Kindred.Core.Media;

/// <summary>A status's images before and after an edit, for its history.</summary>
public sealed record MediaEdit(IReadOnlyList<StatusEditMedia> Before, IReadOnlyList<StatusEditMedia> After);
