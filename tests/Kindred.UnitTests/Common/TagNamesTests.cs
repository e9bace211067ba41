using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

public class TagNamesTests
{
    [Theory]
    [InlineData("Childcare")]
    [InlineData("#childcare")]
    [InlineData("ChildCare ")]
    [InlineData("  ##CHILDCARE")]
    [InlineData("child-care")]
    [InlineData("child care!")]
    public void SpellingVariantsOfOneTagNormalizeToTheSameName(string tag)
    {
        Assert.Equal("childcare", TagNames.Normalize(tag));
    }

    [Theory]
    [InlineData("Café", "cafe")]
    [InlineData("Événements", "evenements")]
    [InlineData("Noël", "noel")]
    [InlineData("garçon", "garcon")]
    [InlineData("ＦＵＬＬ", "full")]
    [InlineData("ﬁsh", "fish")]
    public void AccentsAndCompatibilityFormsOnLatinLettersAreFolded(string tag, string expected)
    {
        Assert.Equal(expected, TagNames.Normalize(tag));
    }

    [Theory]
    [InlineData("Помощь", "помощь")]
    [InlineData("йога", "йога")]
    [InlineData("ジャズ", "ジャズ")]
    [InlineData("हिन्दी", "हिन्दी")]
    [InlineData("한국어", "한국어")]
    public void LettersOfOtherScriptsKeepTheirMarks(string tag, string expected)
    {
        Assert.Equal(expected, TagNames.Normalize(tag));
    }

    [Fact]
    public void UnderscoresAndDigitsAreKept()
    {
        Assert.Equal("covid_19", TagNames.Normalize("#COVID_19"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("#")]
    [InlineData("---")]
    [InlineData("🎉🎉")]
    public void TagsWithNothingUsableNormalizeToEmpty(string tag)
    {
        Assert.Equal(string.Empty, TagNames.Normalize(tag));
    }

    [Fact]
    public void LongTagsAreCutToFiftyCharacters()
    {
        Assert.Equal(new string('a', 50), TagNames.Normalize(new string('A', 80)));
    }

    [Fact]
    public void CuttingNeverSplitsALetterFromItsMark()
    {
        var normalized = TagNames.Normalize(new string('a', 49) + "हि");

        Assert.Equal(new string('a', 49), normalized);
    }
}
