using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

public class DistanceBandTests
{
    [Theory]
    [InlineData(0, "under_5", 5)]
    [InlineData(5, "under_5", 5)]
    [InlineData(5.01, "5_15", 15)]
    [InlineData(49.9, "15_50", 50)]
    [InlineData(150, "50_150", 150)]
    [InlineData(151, "farther", null)]
    public void ADistanceFallsInOneBandWithItsUpperEdge(double km, string name, int? upper)
    {
        var band = DistanceBand.Of(km);

        Assert.Equal(name, band.Name);
        Assert.Equal(upper, band.UpperKm);
    }

    [Fact]
    public void EveryRadiusInsideABandFiltersLikeItsUpperEdge()
    {
        Assert.All(Enumerable.Range(6, 10), r => Assert.Equal(DistanceBand.ForRadius(15), DistanceBand.ForRadius(r)));
        Assert.Equal(DistanceBand.Farther, DistanceBand.ForRadius(500));
    }

    [Fact]
    public void PointsInOneCellShareItsCentreAndEveryDistanceFromIt()
    {
        var a = new GeoPoint(48.86, 2.31);
        var b = new GeoPoint(48.89, 2.34);

        Assert.Equal(new GeoPoint(48.875, 2.325), CoarseLocation.Cell(a));
        Assert.Equal(CoarseLocation.Cell(a), CoarseLocation.Cell(b));
        for (var lat = 48.0; lat < 49.5; lat += 0.01)
        {
            var from = new GeoPoint(Math.Round(lat, 2), 2.2);
            Assert.Equal(CoarseLocation.CellDistanceKm(from, a), CoarseLocation.CellDistanceKm(from, b));
        }
    }

    [Fact]
    public void CellsOfSouthernAndWesternPointsAreCutTheSameWay()
    {
        Assert.Equal(new GeoPoint(-33.875, -151.225), CoarseLocation.Cell(new GeoPoint(-33.87, -151.21)));
        Assert.Equal(new GeoPoint(48.875, -0.025), CoarseLocation.Cell(new GeoPoint(48.85, -0.05)));
    }

    [Fact]
    public void NoStoredPointLiesFartherFromItsCellCentreThanTheMargin()
    {
        for (var lat = -89.99; lat < 90; lat += 0.37)
        {
            var p = new GeoPoint(Math.Round(lat, 2), 12.34);
            Assert.True(p.DistanceKm(CoarseLocation.Cell(p)) <= CoarseLocation.CellMarginKm);
        }
    }
}
