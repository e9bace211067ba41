namespace Kindred.Core.Aid;

/// <summary>
/// The figures for one slice of requests (all of them, a category, or an area): how many were posted, how many ended
/// fulfilled or not, the fulfilment rate among the ended ones, and the medians in hours (null when nothing to measure).
/// </summary>
public sealed record AidFigureRow(
    string Key,
    int Requests,
    int Fulfilled,
    int EndedUnfulfilled,
    double? FulfilmentRate,
    double? MedianHoursToFirstResponse,
    double? MedianHoursToFulfilment);
