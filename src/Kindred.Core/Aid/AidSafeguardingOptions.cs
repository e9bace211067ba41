namespace Kindred.Core.Aid;

/// <summary>
/// The matching and safeguarding keys of the "Kindred:Aid" configuration section (README table). Other aid keys may be
/// bound from the same section by their own classes.
/// </summary>
public sealed class AidSafeguardingOptions
{
    public const string Section = "Kindred:Aid";

    /// <summary>A member may not answer (nor be matched with) a sensitive request during their first days.</summary>
    public int NewMemberDays { get; set; } = 7;

    /// <summary>How many people matching tells about one new request (and how many requests one new offer's owner hears of).</summary>
    public int MatchNotifications { get; set; } = 5;

    /// <summary>The most aid_match notifications one person receives in 24 hours, so helpers are never flooded.</summary>
    public int MatchNotificationsPerDay { get; set; } = 3;

    /// <summary>How far an offer reaches when its owner has not opted in to the category with a radius of their own.</summary>
    public int DefaultRadiusKm { get; set; } = 10;

    /// <summary>How often, in seconds, the server matches new items; 0 turns the job off in this process.</summary>
    public double MatchCheckSeconds { get; set; } = 30;
}
