using Kindred.Core.Common;
using Kindred.Core.Polls;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Polls;

public class PollServiceTests
{
    [Fact]
    public void OptionsAreTrimmedAndAPollWithinTheLimitsPasses()
    {
        Assert.Equal(["Tea", "Coffee"], PollService.Validate(new NewPoll([" Tea ", "Coffee"], PollService.MinExpirationSeconds)));
        Assert.Equal(4, PollService.Validate(new NewPoll(["a", "b", "c", new string('d', 50)], PollService.MaxExpirationSeconds)).Count);
    }

    [Theory]
    [InlineData(new[] { "one" }, 600, "at least 2")]
    [InlineData(new[] { "a", "b", "c", "d", "e" }, 600, "at most 4")]
    [InlineData(new[] { "a", "" }, 600, "blank")]
    [InlineData(new[] { "a", "a" }, 600, "different")]
    [InlineData(new[] { "a", "b" }, 299, "at least 5 minutes")]
    [InlineData(new[] { "a", "b" }, 2_629_747, "at most one month")]
    public void PollsOutsideTheLimitsAreRefusedWithAReason(string[] options, int seconds, string reason)
    {
        var error = Assert.Throws<KindredException>(() => PollService.Validate(new NewPoll(options, seconds)));
        Assert.Equal(ErrorKind.Invalid, error.Kind);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOptionOfFiftyOneCharactersOrAMissingDurationIsRefused()
    {
        Assert.Throws<KindredException>(() => PollService.Validate(new NewPoll(["ok", new string('x', 51)], 600)));
        Assert.Throws<KindredException>(() => PollService.Validate(new NewPoll(["a", "b"], null)));
    }

    [Fact]
    public void HiddenTotalsShowToTheAuthorAlwaysAndToOthersOnceClosed()
    {
        var now = new DateTime(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);
        var poll = new Poll { Id = 1, AccountId = 10, HideTotals = true, ExpiresAt = now.AddHours(1) };
        var forVoter = new PollResult(poll, [1, 0], 1, [0], 20);
        var forAuthor = new PollResult(poll, [1, 0], 1, [], 10);
        Assert.False(forVoter.ShowTotals(now));
        Assert.True(forAuthor.ShowTotals(now));
        Assert.True(forVoter.ShowTotals(now.AddHours(2)));
        Assert.False(forVoter.CanVote(now));
        Assert.False(forAuthor.CanVote(now));
        Assert.True(new PollResult(poll, [1, 0], 1, [], 30).CanVote(now));
        Assert.False(new PollResult(poll, [1, 0], 1, [], 30).CanVote(now.AddHours(1)));
        Assert.False(new PollResult(poll, [1, 0], 1, null, null).CanVote(now));
    }
}
