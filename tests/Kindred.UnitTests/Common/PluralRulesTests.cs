using System.Globalization;
using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

/// <summary>The CLDR categories a reader relies on: "1 reply" but "0 replies" in English, "0 réponse" in French.</summary>
public sealed class PluralRulesTests
{
    [Theory]
    [InlineData("en", 0, PluralCategory.Other)]
    [InlineData("en", 1, PluralCategory.One)]
    [InlineData("en", 2, PluralCategory.Other)]
    [InlineData("en", 11, PluralCategory.Other)]
    [InlineData("en", 21, PluralCategory.Other)]
    [InlineData("en", 1_000_000, PluralCategory.Other)]
    [InlineData("en-CA", 1, PluralCategory.One)]
    [InlineData("fr", 0, PluralCategory.One)]
    [InlineData("fr", 1, PluralCategory.One)]
    [InlineData("fr", 2, PluralCategory.Other)]
    [InlineData("fr", 999_999, PluralCategory.Other)]
    [InlineData("fr", 1_000_000, PluralCategory.Many)]
    [InlineData("fr", 2_000_000, PluralCategory.Many)]
    [InlineData("fr", 1_000_001, PluralCategory.Other)]
    [InlineData("fr-CA", 0, PluralCategory.One)]
    [InlineData("fr", -1, PluralCategory.One)]
    [InlineData("en", -1, PluralCategory.One)]
    public void EachCountFallsInItsCldrCategory(string culture, long count, PluralCategory expected) =>
        Assert.Equal(expected, PluralRules.Of(count, CultureInfo.GetCultureInfo(culture)));

    [Fact]
    public void ALanguageWithoutRulesFollowsEnglish()
    {
        Assert.Equal(PluralCategory.One, PluralRules.Of(1, CultureInfo.InvariantCulture));
        Assert.Equal(PluralCategory.Other, PluralRules.Of(0, CultureInfo.GetCultureInfo("de")));
        Assert.Equal(PluralCategory.Other, PluralRules.Of(long.MinValue, CultureInfo.GetCultureInfo("fr")));
    }
}
