namespace Kindred.Core.Aid;

/// <summary>The aid figures over [<paramref name="From"/>, <paramref name="To"/>): overall, by category slug and by area name.</summary>
public sealed record AidFigureReport(DateTime From, DateTime To, AidFigureRow Overall, IReadOnlyList<AidFigureRow> ByCategory, IReadOnlyList<AidFigureRow> ByArea);
