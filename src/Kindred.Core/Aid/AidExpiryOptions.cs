namespace Kindred.Core.Aid;

/// <summary>The "Kindred:Aid" configuration section for the lifecycle of aid items (README table).</summary>
public sealed class AidExpiryOptions
{
    public const string Section = "Kindred:Aid";

    /// <summary>How often the expiry job looks for items to expire or nudge, in seconds.</summary>
    public double ExpiryCheckSeconds { get; set; } = 300;

    /// <summary>How long before an item expires its owner gets the one "closing soon" notification, in hours.</summary>
    public double ClosingSoonHours { get; set; } = 48;
}
