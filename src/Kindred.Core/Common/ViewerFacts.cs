namespace Kindred.Core.Common;

/// <summary>What <see cref="StatusVisibility.CanSee"/> needs to know about a viewer and one author besides the status itself.</summary>
/// <param name="FollowsAuthor">The viewer follows the status's author.</param>
/// <param name="BlockedEitherWay">The viewer blocks the author or the author blocks the viewer.</param>
/// <param name="ReadsGroup">The status is in no group, or in a public group, or the viewer is a member of its group (ADR 20).</param>
/// <param name="AuthorLimited">A moderator limited the author (ADR 67).</param>
/// <param name="Contact">The viewer follows the author or the author follows the viewer: who still reads a limited author.</param>
public readonly record struct ViewerFacts(bool FollowsAuthor, bool BlockedEitherWay, bool ReadsGroup = true, bool AuthorLimited = false, bool Contact = false);
