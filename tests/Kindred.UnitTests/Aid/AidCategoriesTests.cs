using Kindred.Core.Aid;

namespace Kindred.UnitTests.Aid;

public sealed class AidCategoriesTests
{
    [Theory]
    [InlineData("Pet care", "pet-care")]
    [InlineData("  Aide à domicile  ", "aide-a-domicile")]
    [InlineData("Bikes & repairs!", "bikes-repairs")]
    [InlineData("日本語", "category")]
    [InlineData("---", "category")]
    public void SlugsAreLowerCaseAsciiWordsJoinedByHyphens(string name, string slug) =>
        Assert.Equal(slug, AidCategories.Slugify(name));

    [Fact]
    public void LongNamesGiveSlugsThatFitTheColumn() =>
        Assert.True(AidCategories.Slugify(new string('a', 30) + " " + new string('b', 30)).Length <= 40);
}
