namespace Kindred.Core.Aid;

/// <summary>The orders of /aid: newest first, most urgent first, or nearest first (ties newest first).</summary>
public enum AidSort
{
    Newest = 0,
    Urgency = 1,
    Distance = 2,
}
