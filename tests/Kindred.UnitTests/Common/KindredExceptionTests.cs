using Kindred.Core.Common;

namespace Kindred.UnitTests.Common;

public class KindredExceptionTests
{
    [Fact]
    public void InvalidCarriesTheFieldAndAMessageForThePerson()
    {
        var error = KindredException.Invalid("display_name", "Display name is too long.");

        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Equal("display_name", error.Field);
        Assert.Equal("Display name is too long.", error.Message);
    }

    [Fact]
    public void EachHelperProducesItsKind()
    {
        Assert.Equal(ErrorKind.NotFound, KindredException.NotFound().Kind);
        Assert.Equal(ErrorKind.Forbidden, KindredException.Forbidden().Kind);
        Assert.Equal(ErrorKind.Unauthorized, KindredException.Unauthorized().Kind);
        Assert.Equal(ErrorKind.Invalid, KindredException.Invalid("Bad request.").Kind);
        Assert.Equal(ErrorKind.Conflict, KindredException.Conflict("Already a member.").Kind);
        Assert.Equal(ErrorKind.Gone, KindredException.Gone().Kind);
        Assert.Equal(ErrorKind.RateLimited, KindredException.RateLimited().Kind);
    }

    [Fact]
    public void NotFoundUsesMastodonsWordingByDefault()
    {
        Assert.Equal("Record not found", KindredException.NotFound().Message);
    }

    [Fact]
    public void RateLimitedTellsTheCallerWhenToRetry()
    {
        var error = KindredException.RateLimited(TimeSpan.FromMinutes(5));

        Assert.Equal(TimeSpan.FromMinutes(5), error.RetryAfter);
        Assert.Null(error.Field);
    }
}
