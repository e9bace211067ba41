using Kindred.Core.Filters;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Filters;

public class FilterPatternTests
{
    private static bool Matches(string keyword, bool wholeWord, string text) =>
        FilterPattern.For([new FilterKeyword { Keyword = keyword, WholeWord = wholeWord }])!.IsMatch(text);

    [Theory]
    [InlineData("cat", true, "A cat sat", true)]
    [InlineData("cat", true, "concatenate", false)]
    [InlineData("cat", false, "concatenate", true)]
    [InlineData("CAT", true, "the Cat.", true)]
    [InlineData("#tag", true, "about #tag today", true)]
    [InlineData("c++", true, "I write c++ daily", true)]
    [InlineData("a.b", true, "axb", false)]
    [InlineData("new york", true, "in New York tonight", true)]
    [InlineData("élan", true, "avec Élan", true)]
    public void KeywordsMatchAsMastodonDoes(string keyword, bool wholeWord, string text, bool expected) =>
        Assert.Equal(expected, Matches(keyword, wholeWord, text));

    [Fact]
    public void NoKeywordsIsNoPatternAndTheSameKeywordsShareOneCompiledPattern()
    {
        Assert.Null(FilterPattern.For([]));
        var first = FilterPattern.For([new FilterKeyword { Keyword = "x", WholeWord = true }, new FilterKeyword { Keyword = "y", WholeWord = false }]);
        var second = FilterPattern.For([new FilterKeyword { Keyword = "y", WholeWord = false }, new FilterKeyword { Keyword = "x", WholeWord = true }]);
        Assert.Same(first, second);
    }

    [Fact]
    public void TheKeywordsFoundAreNamed()
    {
        var keywords = new[] { new FilterKeyword { Keyword = "rain", WholeWord = true }, new FilterKeyword { Keyword = "snow", WholeWord = true } };
        Assert.Equal(["rain"], FilterPattern.Found(keywords, "Rain again"));
    }
}
