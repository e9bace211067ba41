using Kindred.Core.Aid;
using Kindred.Core.Common;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Aid;

public sealed class AidResponseRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 12, 0, 0, DateTimeKind.Utc);

    private static AidItem Item(AidKind kind = AidKind.Request, bool sensitive = false, AidAnswerPolicy policy = AidAnswerPolicy.Anyone, AidItemState state = AidItemState.Open) =>
        new() { Id = 1, AccountId = 10, Title = "t", Kind = kind, Sensitive = sensitive, AnswerPolicy = policy, State = state };

    [Fact]
    public void AnOrdinaryMemberMayAnswerAnOpenItem() =>
        Assert.Null(AidResponseRules.WhyNotAnswer(Item(), 20, false, Now.AddDays(-1), Now, 7));

    [Theory]
    [InlineData(AidItemState.Fulfilled)]
    [InlineData(AidItemState.Closed)]
    [InlineData(AidItemState.Expired)]
    public void EndedItemsTakeNoAnswers(AidItemState state) =>
        Assert.Equal(AidAnswerRefusal.NotOpen, AidResponseRules.WhyNotAnswer(Item(state: state), 20, true, Now.AddYears(-1), Now, 7));

    [Fact]
    public void NobodyAnswersTheirOwnItem() =>
        Assert.Equal(AidAnswerRefusal.OwnItem, AidResponseRules.WhyNotAnswer(Item(), 10, true, Now.AddYears(-1), Now, 7));

    [Fact]
    public void VettedOnlyItemsRefuseOthers()
    {
        Assert.Equal(AidAnswerRefusal.VettedHelpersOnly, AidResponseRules.WhyNotAnswer(Item(policy: AidAnswerPolicy.VettedHelpersOnly), 20, false, Now.AddYears(-1), Now, 7));
        Assert.Null(AidResponseRules.WhyNotAnswer(Item(policy: AidAnswerPolicy.VettedHelpersOnly), 20, true, Now.AddYears(-1), Now, 7));
    }

    [Fact]
    public void NewMembersWaitBeforeAnsweringSensitiveRequestsOnly()
    {
        Assert.Equal(AidAnswerRefusal.NewMember, AidResponseRules.WhyNotAnswer(Item(sensitive: true), 20, true, Now.AddDays(-6), Now, 7));
        Assert.Null(AidResponseRules.WhyNotAnswer(Item(sensitive: true), 20, false, Now.AddDays(-7), Now, 7));
        Assert.Null(AidResponseRules.WhyNotAnswer(Item(AidKind.Offer, sensitive: true), 20, false, Now, Now, 7));
        Assert.Null(AidResponseRules.WhyNotAnswer(Item(sensitive: true), 20, false, Now, Now, 0));
    }

    [Fact]
    public void TextsAreTrimmedAndLimited()
    {
        Assert.Equal("hi", AidResponseRules.Message("  hi "));
        Assert.Equal("text", Assert.Throws<KindredException>(() => AidResponseRules.Message(" ")).Field);
        Assert.Throws<KindredException>(() => AidResponseRules.Message(new string('x', 5_001)));
        Assert.Equal(new string('x', 5_000), AidResponseRules.Message(new string('x', 5_000)));
        Assert.Throws<KindredException>(() => AidResponseRules.Thanks(new string('x', 1_001)));
        Assert.Equal("", AidResponseRules.Reason(null));
        Assert.Equal("note", Assert.Throws<KindredException>(() => AidResponseRules.ReviewNote("")).Field);
    }
}
