using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

public class TextLengthTests
{
    [Theory]
    [InlineData("hello", 5)]
    [InlineData("🙂é", 2)]
    [InlineData("see https://example.org/a/very/long/path/that/goes/on/and/on", 27)]
    public void LengthCountsCharactersAsReadersDoAndLinksAs23(string text, int expected)
    {
        Assert.Equal(expected, TextLength.Of(text));
    }
}
