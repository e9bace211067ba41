namespace Kindred.Core.Common;

/// <summary>What <see cref="StatusVisibility.CanSee"/> needs to know about a viewer and one author besides the status itself.</summary>
/// <param name="FollowsAuthor">The viewer follows the status's author.</param>
/// <param name="BlockedEitherWay">The viewer blocks the author or the author blocks the viewer.</param>
/// <param name="ReadsGroup">The status is in no group, or in a public group, or the viewer is a member of its group (ADR 20).</param>
public readonly record struct ViewerFacts(bool FollowsAuthor, bool BlockedEitherWay, bool ReadsGroup = true);
