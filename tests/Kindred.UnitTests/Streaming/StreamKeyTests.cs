using Kindred.Core.Common;
using Kindred.Core.Streaming;

namespace Kindred.UnitTests.Streaming;

public sealed class StreamKeyTests
{
    [Theory]
    [InlineData("user")]
    [InlineData("user:notification")]
    [InlineData("public")]
    [InlineData("public:local")]
    [InlineData("direct")]
    public void PlainStreamsNeedNoParameter(string name) => Assert.Equal([name], StreamKey.Parse(name, null, null).Wire);

    [Fact]
    public void HashtagStreamsCarryTheNormalizedTag()
    {
        Assert.Equal(["hashtag", "evenements"], StreamKey.Parse("hashtag", "#Événements", null).Wire);
        Assert.Equal(StreamKey.Parse("hashtag:local", "garden", null), StreamKey.Parse("hashtag:local", "Garden", null));
    }

    [Fact]
    public void ListStreamsCarryTheListId() => Assert.Equal(["list", "42"], StreamKey.Parse("list", null, "42").Wire);

    [Theory]
    [InlineData("everything", null, null)]
    [InlineData(null, null, null)]
    [InlineData("hashtag", null, null)]
    [InlineData("hashtag", "#", null)]
    [InlineData("list", null, "abc")]
    [InlineData("list", null, "-1")]
    public void UnknownStreamsAndMissingParametersAreRefused(string? name, string? tag, string? list) =>
        Assert.Equal(ErrorKind.Invalid, Assert.Throws<KindredException>(() => StreamKey.Parse(name, tag, list)).Kind);
}
