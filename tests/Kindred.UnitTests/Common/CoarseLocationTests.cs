using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

public class CoarseLocationTests
{
    [Fact]
    public void CoordinatesAreRoundedToTwoDecimals()
    {
        var (lat, lon) = CoarseLocation.Round(48.856613, 2.352222);

        Assert.Equal(48.86, lat);
        Assert.Equal(2.35, lon);
    }

    [Fact]
    public void NegativeCoordinatesRoundAwayFromZeroAtTheMidpoint()
    {
        var (lat, lon) = CoarseLocation.Round(-33.865, -151.2094);

        Assert.Equal(-33.87, lat);
        Assert.Equal(-151.21, lon);
    }

    [Fact]
    public void TheEdgesOfTheValidRangeAreAccepted()
    {
        Assert.Equal((90.0, 180.0), CoarseLocation.Round(90, 180));
        Assert.Equal((-90.0, -180.0), CoarseLocation.Round(-90, -180));
    }

    [Theory]
    [InlineData(90.001, 0, "latitude")]
    [InlineData(-91, 0, "latitude")]
    [InlineData(double.NaN, 0, "latitude")]
    [InlineData(0, 180.5, "longitude")]
    [InlineData(0, -181, "longitude")]
    [InlineData(0, double.PositiveInfinity, "longitude")]
    public void OutOfRangeCoordinatesAreInvalidAndNameTheField(double lat, double lon, string field)
    {
        var error = Assert.Throws<KindredException>(() => CoarseLocation.Round(lat, lon));

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void DistanceFromParisToLondonIsAbout344Kilometres()
    {
        var distance = CoarseLocation.DistanceKm(48.8566, 2.3522, 51.5074, -0.1278);

        Assert.InRange(distance, 340, 348);
    }

    [Fact]
    public void DistanceToTheSamePointIsZero()
    {
        Assert.Equal(0, CoarseLocation.DistanceKm(45.5, -73.57, 45.5, -73.57), 9);
    }

    [Fact]
    public void DistanceBetweenAntipodesIsHalfTheEarthsCircumference()
    {
        var distance = CoarseLocation.DistanceKm(0, 0, 0, 180);

        Assert.InRange(distance, 20_010, 20_020);
    }

    [Fact]
    public void DistanceAcrossTheDateLineTakesTheShortWay()
    {
        var distance = CoarseLocation.DistanceKm(0, 179.5, 0, -179.5);

        Assert.InRange(distance, 110, 113);
    }
}
