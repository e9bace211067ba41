namespace Kindred.Server.KindredApi.Models;

/// <summary>One slice of the aid figures: key is "all", a category slug, or an area name ("" for no area).</summary>
public sealed record AidFigureRowDto(
    string Key,
    int Requests,
    int Fulfilled,
    int EndedUnfulfilled,
    double? FulfilmentRate,
    double? MedianHoursToFirstResponse,
    double? MedianHoursToFulfilment);
