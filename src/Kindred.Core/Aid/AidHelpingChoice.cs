namespace Kindred.Core.Aid;

/// <summary>One category a member offers to help with, and how far from their home area (kilometres).</summary>
public sealed record AidHelpingChoice(string Category, int RadiusKm);
