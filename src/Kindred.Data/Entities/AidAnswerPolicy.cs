namespace Kindred.Data.Entities;

/// <summary>Who may answer an aid item: anyone who can see it, or vetted helpers only (ADR 27).</summary>
public enum AidAnswerPolicy
{
    Anyone = 0,
    VettedHelpersOnly = 1,
}
