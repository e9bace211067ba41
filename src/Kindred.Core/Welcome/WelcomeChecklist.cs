namespace Kindred.Core.Welcome;

/// <summary>
/// A newcomer's first-week checklist as their own data says it stands (ADR 91): every tick is read, none is stored.
/// </summary>
/// <param name="DisplayName">The name the member chose, else their username: "Welcome, Maria".</param>
/// <param name="InFirstWeek">The account is less than <see cref="WelcomeQueries.FirstWeek"/> old.</param>
/// <param name="Dismissed">The member put the checklist away.</param>
/// <param name="HasPicture">A profile picture is set.</param>
/// <param name="HasArea">A home area (its name or a position) is set.</param>
/// <param name="InGroup">The member belongs to a group.</param>
/// <param name="Answered">The member answered an event (going, maybe or waiting).</param>
/// <param name="AskedOrOffered">The member posted a request for help or an offer of help (ADR 97).</param>
/// <param name="HasOrganization">The organization has an account to follow; without one that item is not shown.</param>
/// <param name="FollowsOrganization">The member follows the organization's account.</param>
public sealed record WelcomeChecklist(
    string DisplayName,
    bool InFirstWeek,
    bool Dismissed,
    bool HasPicture,
    bool HasArea,
    bool InGroup,
    bool Answered,
    bool AskedOrOffered,
    bool HasOrganization,
    bool FollowsOrganization)
{
    /// <summary>Every item shown is ticked.</summary>
    public bool Done => HasPicture && HasArea && InGroup && Answered && AskedOrOffered && (!HasOrganization || FollowsOrganization);

    /// <summary>The home page shows it in the first week, until it is done or put away.</summary>
    public bool Shown => InFirstWeek && !Dismissed && !Done;
}
