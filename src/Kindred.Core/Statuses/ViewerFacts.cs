namespace Kindred.Core.Statuses;

/// <summary>What <see cref="StatusVisibility.CanSee"/> needs to know about a viewer and one author besides the status itself.</summary>
public readonly record struct ViewerFacts(bool FollowsAuthor, bool BlockedEitherWay);
