using Kindred.Core.Common;
using Kindred.Core.Groups;

namespace Kindred.UnitTests.Groups;

public class GroupRulesTests
{
    private static void Invalid(string field, Action action)
    {
        var error = Assert.Throws<KindredException>(action);
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal(field, error.Field);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void ANameIsTrimmedAndNeedsOneToAHundredCharacters()
    {
        Assert.Equal("Riverside gardeners", GroupRules.Name("  Riverside gardeners "));
        Assert.Equal(new string('n', 100), GroupRules.Name(new string('n', 100)));
        Invalid("name", () => GroupRules.Name("   "));
        Invalid("name", () => GroupRules.Name(null));
        Invalid("name", () => GroupRules.Name(new string('n', 101)));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("lyon-3e")]
    [InlineData("Riverside-Gardeners")]
    public void ASlugOfLettersDigitsAndHyphensIsAccepted(string slug)
    {
        Assert.Equal(slug.ToLowerInvariant(), GroupRules.Slug(slug));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("-abc")]
    [InlineData("abc-")]
    [InlineData("a b c")]
    [InlineData("café")]
    [InlineData("new")]
    [InlineData("a_b_c")]
    public void ASlugOutsideTheRulesIsRefused(string slug)
    {
        Invalid("slug", () => GroupRules.Slug(slug));
    }

    [Fact]
    public void ASlugIsAtMostSixtyCharacters()
    {
        Assert.Equal(60, GroupRules.Slug(new string('a', 60)).Length);
        Invalid("slug", () => GroupRules.Slug(new string('a', 61)));
    }

    [Theory]
    [InlineData("Riverside Gardeners", "riverside-gardeners")]
    [InlineData("  Café des Écrivains — Lyon 3e! ", "cafe-des-ecrivains-lyon-3e")]
    [InlineData("日本語", "group")]
    [InlineData("A", "group")]
    [InlineData("New", "group")]
    public void ASlugIsDerivedFromTheName(string name, string expected)
    {
        Assert.Equal(expected, GroupRules.SlugFromName(name));
    }

    [Fact]
    public void ADerivedSlugIsCutToTheLimitWithoutATrailingHyphen()
    {
        var slug = GroupRules.SlugFromName(string.Join(' ', Enumerable.Repeat("abcd", 30)));
        Assert.True(slug.Length <= GroupRules.MaxSlug);
        Assert.False(slug.EndsWith('-'));
        Assert.Equal(slug, GroupRules.Slug(slug));
    }

    [Fact]
    public void DescriptionAndRulesAreAtMostFiveThousandCharacters()
    {
        Assert.Equal(5000, GroupRules.Description(new string('d', 5000)).Length);
        Assert.Equal("", GroupRules.RulesText(null));
        Invalid("description", () => GroupRules.Description(new string('d', 5001)));
        Invalid("rules", () => GroupRules.RulesText(new string('r', 5001)));
    }

    [Fact]
    public void AtMostThreeQuestionsOfThreeHundredCharactersBlankOnesDropped()
    {
        Assert.Equal(["Why?", "Where?"], GroupRules.Questions(["Why?", "  ", "Where?"]));
        Invalid("questions", () => GroupRules.Questions(["1", "2", "3", "4"]));
        Invalid("questions", () => GroupRules.Questions([new string('q', 301)]));
    }

    [Fact]
    public void AnswersFitTheQuestions()
    {
        Assert.Equal(["yes", "", ""], GroupRules.Answers([" yes "], 2));
        Assert.Equal(["", "", ""], GroupRules.Answers(null, 0));
        Invalid("answers", () => GroupRules.Answers(["a", "b"], 1));
        Invalid("answers", () => GroupRules.Answers([new string('a', 1001)], 1));
    }

    [Fact]
    public void TagsAreNormalizedMergedAndAtMostTen()
    {
        var tags = GroupRules.Tags(["#Gardening", "gardening ", "Café", " "]);
        Assert.Equal([("gardening", "Gardening"), ("cafe", "Café")], tags);
        Invalid("tags", () => GroupRules.Tags(Enumerable.Range(0, 11).Select(i => $"tag{i}").ToList()));
        Invalid("tags", () => GroupRules.Tags(["!!!"]));
        Invalid("tags", () => GroupRules.Tags([new string('t', 51)]));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    [InlineData(-5)]
    public void ARadiusOutsideOneToFiveHundredKilometresIsRefused(int radius)
    {
        Invalid("radius_km", () => GroupRules.Radius(radius));
    }

    [Fact]
    public void AnAreaNameIsAtMostAHundredCharactersAndEmptyMeansNone()
    {
        Assert.Null(GroupRules.AreaName("  "));
        Assert.Equal("Lyon 3e", GroupRules.AreaName(" Lyon 3e "));
        Invalid("area_name", () => GroupRules.AreaName(new string('a', 101)));
    }
}
