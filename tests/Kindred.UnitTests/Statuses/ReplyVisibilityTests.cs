using Kindred.Core.Statuses;
using Kindred.Data.Entities;

namespace Kindred.UnitTests.Statuses;

/// <summary>Every parent audience × every posting default: a reply starts where its parent is, and a member's own
/// default may narrow a public or unlisted conversation but never widen any.</summary>
public sealed class ReplyVisibilityTests
{
    public static TheoryData<Audience, Audience?, Audience> Matrix() => new()
    {
        // No default of their own: the parent's audience, whatever it is.
        { Audience.Public, null, Audience.Public },
        { Audience.Unlisted, null, Audience.Unlisted },
        { Audience.Members, null, Audience.Members },
        { Audience.Private, null, Audience.Private },
        { Audience.Direct, null, Audience.Direct },
        // A public parent: the member's narrower default wins, a wider one cannot exist.
        { Audience.Public, Audience.Public, Audience.Public },
        { Audience.Public, Audience.Unlisted, Audience.Unlisted },
        { Audience.Public, Audience.Members, Audience.Members },
        { Audience.Public, Audience.Private, Audience.Private },
        { Audience.Public, Audience.Direct, Audience.Direct },
        // An unlisted parent: never made public by a default.
        { Audience.Unlisted, Audience.Public, Audience.Unlisted },
        { Audience.Unlisted, Audience.Unlisted, Audience.Unlisted },
        { Audience.Unlisted, Audience.Members, Audience.Members },
        { Audience.Unlisted, Audience.Private, Audience.Private },
        { Audience.Unlisted, Audience.Direct, Audience.Direct },
        // Members-only, followers-only and direct conversations stay exactly as they are.
        { Audience.Members, Audience.Public, Audience.Members },
        { Audience.Members, Audience.Unlisted, Audience.Members },
        { Audience.Members, Audience.Private, Audience.Members },
        { Audience.Members, Audience.Direct, Audience.Members },
        { Audience.Private, Audience.Public, Audience.Private },
        { Audience.Private, Audience.Members, Audience.Private },
        { Audience.Private, Audience.Direct, Audience.Private },
        { Audience.Direct, Audience.Public, Audience.Direct },
        { Audience.Direct, Audience.Members, Audience.Direct },
        { Audience.Direct, Audience.Private, Audience.Direct },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void AReplyStartsWithItsParentsAudienceAndOnlyEverNarrows(Audience parent, Audience? memberDefault, Audience expected) =>
        Assert.Equal(expected, ReplyVisibility.Default(parent, memberDefault));
}
