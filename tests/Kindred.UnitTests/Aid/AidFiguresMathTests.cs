using Kindred.Core.Aid;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Aid;

public class AidFiguresMathTests
{
    [Fact]
    public void TheMedianOfAnOddCountIsTheMiddleValue() => Assert.Equal(3, AidFigures.Median([9, 1, 3]));

    [Fact]
    public void TheMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() => Assert.Equal(2.5, AidFigures.Median([4, 1, 2, 3]));

    [Fact]
    public void NoValuesHaveNoMedian() => Assert.Null(AidFigures.Median([]));

    [Fact]
    public void ARateWithNothingToDivideByIsNull()
    {
        Assert.Null(AidFigures.Rate(0, 0));
        Assert.Equal(0.25, AidFigures.Rate(1, 4));
    }

    [Fact]
    public void ARowCountsOnlyEndedRequestsInTheRateAndMeasuresInHours()
    {
        var t = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc);
        var row = AidFigures.Row("food", new[]
        {
            new AidFigureInput("food", "Lyon", AidItemState.Fulfilled, t, t.AddHours(1), t.AddHours(10)),
            new AidFigureInput("food", "Lyon", AidItemState.Fulfilled, t, t.AddHours(3), t.AddHours(30)),
            new AidFigureInput("food", "Lyon", AidItemState.Expired, t, null, t.AddDays(30)),
            new AidFigureInput("food", "Lyon", AidItemState.Open, t, t.AddHours(2), null),
        });
        Assert.Equal(4, row.Requests);
        Assert.Equal(2, row.Fulfilled);
        Assert.Equal(1, row.EndedUnfulfilled);
        Assert.Equal(2.0 / 3, row.FulfilmentRate!.Value, 6);
        Assert.Equal(2, row.MedianHoursToFirstResponse);
        Assert.Equal(20, row.MedianHoursToFulfilment);
    }
}
