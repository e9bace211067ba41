namespace Kindred.Core.Relationships;

/// <summary>Why someone is suggested; each front door words it in its own language.</summary>
public enum SuggestionReasonKind
{
    /// <summary>Both are members of <see cref="SuggestionReason.Count"/> groups.</summary>
    SharedGroups = 0,

    /// <summary>Both have the interest <see cref="SuggestionReason.Detail"/> on their profiles (only when the suggested person shows their interests to the viewer).</summary>
    SharedInterest = 1,

    /// <summary>Their home areas are close; <see cref="SuggestionReason.Detail"/> is the suggested person's area name (only when they show it to the viewer).</summary>
    Nearby = 2,

    /// <summary><see cref="SuggestionReason.Count"/> people the viewer follows follow them.</summary>
    MutualFollows = 3,

    /// <summary>They follow the viewer, who does not follow them back.</summary>
    FollowsYou = 4,
}
