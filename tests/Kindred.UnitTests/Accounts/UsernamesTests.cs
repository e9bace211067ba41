using Kindred.Core.Accounts;
using Kindred.Core.Common;

namespace Kindred.UnitTests.Accounts;

public sealed class UsernamesTests
{
    [Theory]
    [InlineData("alice")]
    [InlineData("Alice_Smith")]
    [InlineData("a1")]
    [InlineData("abcdefghijabcdefghijabcdefghij")]
    public void UsernamesOfLettersDigitsAndUnderscoresAreAccepted(string name) =>
        Assert.Equal(name, Usernames.Validate(" " + name + " "));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("has space")]
    [InlineData("dash-ed")]
    [InlineData("émile")]
    [InlineData("abcdefghijabcdefghijabcdefghijk")]
    [InlineData("Admin")]
    [InlineData("kindred")]
    public void OtherUsernamesAreRejectedWithTheFieldNamed(string name)
    {
        var error = Assert.Throws<KindredException>(() => Usernames.Validate(name));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("username", error.Field);
    }

    [Fact]
    public void NormalizationIgnoresCase() => Assert.Equal(Usernames.Normalize("Alice"), Usernames.Normalize("aLICE"));
}
