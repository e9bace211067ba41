using Kindred.Core.Common;
using Kindred.Core.Media;

namespace Kindred.UnitTests.Media;

public class MediaFocusTests
{
    [Theory]
    [InlineData("0,0", 0, 0)]
    [InlineData("-1,1", -1, 1)]
    [InlineData("0.5, -0.25", 0.5, -0.25)]
    [InlineData("1.0,-1.0", 1, -1)]
    public void TwoNumbersBetweenMinusOneAndOneAreAFocalPoint(string value, double x, double y)
    {
        Assert.Equal((x, y), MediaFocus.Parse(value));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void NoValueLeavesTheFocusAlone(string? value)
    {
        Assert.Null(MediaFocus.Parse(value));
    }

    [Theory]
    [InlineData("2,0")]
    [InlineData("0,-1.5")]
    [InlineData("0")]
    [InlineData("0,0,0")]
    [InlineData("a,b")]
    [InlineData("NaN,0")]
    [InlineData("0,5")]
    public void AnythingElseIsRefusedForTheFocusField(string value)
    {
        var error = Assert.Throws<KindredException>(() => MediaFocus.Parse(value));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("focus", error.Field);
    }
}
