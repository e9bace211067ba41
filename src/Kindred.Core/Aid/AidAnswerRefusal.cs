namespace Kindred.Core.Aid;

/// <summary>Why someone who can see an aid item may not answer it (<see cref="AidResponseRules.WhyNotAnswer"/>).</summary>
public enum AidAnswerRefusal
{
    OwnItem,
    NotOpen,
    VettedHelpersOnly,
    NewMember,
}
