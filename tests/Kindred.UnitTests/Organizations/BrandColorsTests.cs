using Kindred.Core.Common;
using Kindred.Core.Organizations;

namespace Kindred.UnitTests.Organizations;

/// <summary>The contrast rule for the organization's colours (ADR 90): readable text in the light and the dark scheme.</summary>
public sealed class BrandColorsTests
{
    [Theory]
    [InlineData(0x000000, 0xffffff, 21.0)]
    [InlineData(0xffffff, 0xffffff, 1.0)]
    [InlineData(0x767676, 0xffffff, 4.54)]
    [InlineData(0x0a4fc2, 0xffffff, 7.22)]
    [InlineData(0x121212, 0xececec, 15.86)]
    public void TheContrastRatioIsWcags(int first, int second, double expected)
    {
        Assert.Equal(expected, BrandColors.Contrast(first, second), 1);
        Assert.Equal(BrandColors.Contrast(first, second), BrandColors.Contrast(second, first), 6);
    }

    [Theory]
    [InlineData("#0a4fc2")]
    [InlineData("#1B6130")]
    [InlineData("#000000")]
    [InlineData("#a4231a")]
    public void ADarkEnoughColourIsKeptInLowerCase(string colour) =>
        Assert.Equal(colour.ToLowerInvariant(), BrandColors.Validate(colour, "accent_color"));

    [Theory]
    [InlineData("#ffffff")]
    [InlineData("#ffff00")]
    // 4.54:1 on white, but only 4.13:1 on the header's grey, where links are read too.
    [InlineData("#767676")]
    public void AColourTooLightForTheLightSchemeIsRefused(string colour)
    {
        var refused = Assert.Throws<KindredException>(() => BrandColors.Validate(colour, "accent_color"));
        Assert.Equal(ErrorKind.Invalid, refused.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void NoColourMeansKindredsOwn(string? colour) => Assert.Null(BrandColors.Validate(colour, "accent_color"));

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#1234567")]
    [InlineData("red;}body{display:none")]
    public void AnythingButHashAndSixHexDigitsIsRefused(string colour) =>
        Assert.Throws<KindredException>(() => BrandColors.Validate(colour, "accent_color"));

    [Fact]
    public void EveryColourAcceptedForTheLightSchemeReadsInTheDarkSchemeThroughItsLighterMix()
    {
        // Every 8th step of each channel: 32,768 colours, each either refused or readable in both schemes.
        for (var r = 0; r < 256; r += 8)
        {
            for (var g = 0; g < 256; g += 8)
            {
                for (var b = 0; b < 256; b += 8)
                {
                    var rgb = (r << 16) | (g << 8) | b;
                    if (BrandColors.LightSurfaces.Min(surface => BrandColors.Contrast(rgb, surface)) < BrandColors.MinContrast)
                    {
                        continue;
                    }
                    var dark = BrandColors.ForDarkScheme(rgb);
                    Assert.All(BrandColors.DarkSurfaces, surface => Assert.True(BrandColors.Contrast(dark, surface) >= BrandColors.MinContrast));
                    Assert.NotNull(BrandColors.Validate(BrandColors.Format(rgb), "accent_color"));
                }
            }
        }
    }

    [Fact]
    public void TheDarkSchemeMixKeepsTheHue()
    {
        // Kindred's blue becomes a light blue, not white: blue stays the strongest channel.
        var dark = BrandColors.ForDarkScheme(0x0a4fc2);
        Assert.NotEqual(0xffffff, dark);
        Assert.True((dark & 0xff) > ((dark >> 16) & 0xff));
    }
}
