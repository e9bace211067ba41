namespace Kindred.Server.KindredApi.Models;

/// <summary>The aid figures over [from, to) for staff (Kindred extension, ADR 31).</summary>
public sealed record AidFiguresDto(DateTime From, DateTime To, AidFigureRowDto Overall, IReadOnlyList<AidFigureRowDto> ByCategory, IReadOnlyList<AidFigureRowDto> ByArea);
