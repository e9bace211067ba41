using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

/// <summary>The bounding box may let extra points through but must never lose one inside the circle: at the poles,
/// across the antimeridian, and for every radius the directory allows.</summary>
public sealed class GeoBoxTests
{
    [Theory]
    [InlineData(48.86, 2.35, 25)]
    [InlineData(0, 0, 500)]
    [InlineData(-17.8, 179.9, 50)]
    [InlineData(-17.8, -179.9, 50)]
    [InlineData(64.15, -21.94, 100)]
    [InlineData(78.22, 15.65, 500)]
    [InlineData(-77.85, 166.67, 250)]
    [InlineData(89.9, 0, 50)]
    [InlineData(-89.5, 120, 100)]
    [InlineData(51.51, -0.13, 1)]
    public void EveryPointWithinTheRadiusIsInsideTheBox(double lat, double lon, double radiusKm)
    {
        var box = GeoBox.Around(lat, lon, radiusKm);
        var random = new Random(20261126);
        var inside = 0;
        for (var i = 0; i < 20_000; i++)
        {
            // Points scattered around the centre, some beyond the radius, wrapped into valid coordinates.
            var pLat = Math.Clamp(lat + ((random.NextDouble() * 2) - 1) * (radiusKm / 100.0), -90, 90);
            var pLon = lon + ((random.NextDouble() * 2) - 1) * Math.Min(180, radiusKm / 100.0 / Math.Max(0.01, Math.Cos(pLat * Math.PI / 180)));
            pLon = pLon > 180 ? pLon - 360 : pLon < -180 ? pLon + 360 : pLon;
            if (CoarseLocation.DistanceKm(lat, lon, pLat, pLon) <= radiusKm)
            {
                inside++;
                Assert.True(box.Contains(pLat, pLon), $"({pLat}, {pLon}) is within {radiusKm} km of ({lat}, {lon}) but outside {box}");
            }
        }
        Assert.True(inside > 100, "the sample should put many points inside the circle");
    }

    [Fact]
    public void TheBoxIsSizedOnTheSameSphereAsTheDistanceNotOnTheEquatorialDegree()
    {
        // Due north at 99.9 % of the radius: 111.32 km per degree would leave this point outside the box.
        var box = GeoBox.Around(0, 0, 100);
        var north = 100 * 0.999 / (6371.0088 * Math.PI / 180);
        Assert.True(CoarseLocation.DistanceKm(0, 0, north, 0) < 100);
        Assert.True(box.Contains(north, 0));
        Assert.False(box.Contains(1.0, 0));
    }

    [Fact]
    public void NearTheAntimeridianTheBoxWrapsIntoTwoIntervals()
    {
        var box = GeoBox.Around(-17.8, 179.9, 50);
        Assert.False(box.AllLongitudes);
        Assert.Equal(180, box.East1);
        Assert.Equal(-180, box.West2);
        Assert.True(box.Contains(-17.8, -179.9));
        Assert.True(box.Contains(-17.8, 179.8));
        Assert.False(box.Contains(-17.8, 0));
        Assert.False(box.Contains(-17.8, -179));

        var west = GeoBox.Around(-17.8, -179.9, 50);
        Assert.True(west.Contains(-17.8, 179.9));
        Assert.False(west.Contains(-17.8, 179));
    }

    [Fact]
    public void WhenThePoleIsInsideTheCircleEveryLongitudeCounts()
    {
        var box = GeoBox.Around(89.9, 0, 50);
        Assert.True(box.AllLongitudes);
        Assert.Equal(90, box.MaxLat);
        Assert.True(box.Contains(89.95, 179));
        Assert.True(box.Contains(89.8, -90));
        Assert.False(box.Contains(88, 0));

        var south = GeoBox.Around(-89.9, 45, 20);
        Assert.True(south.AllLongitudes);
        Assert.Equal(-90, south.MinLat);
    }

    [Fact]
    public void AwayFromThePolesAndTheAntimeridianTheBoxIsOneInterval()
    {
        var box = GeoBox.Around(48.86, 2.35, 25);
        Assert.False(box.AllLongitudes);
        Assert.True(box.West2 > box.East2);
        Assert.InRange(box.MaxLat - 48.86, 25 / 111.2, 25 / 110.9);
        Assert.True(box.Contains(48.80, 2.12));
        Assert.False(box.Contains(48.44, 1.49));
    }

    [Fact]
    public void ANegativeRadiusIsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoBox.Around(0, 0, -1));
}
