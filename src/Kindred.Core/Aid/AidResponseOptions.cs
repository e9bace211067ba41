namespace Kindred.Core.Aid;

/// <summary>The answering limits in the "Kindred:Aid" configuration section (README table).</summary>
public sealed class AidResponseOptions
{
    public const string Section = "Kindred:Aid";

    /// <summary>
    /// How many days after joining (approval, or sign-up where there was none) a member may not yet answer sensitive
    /// requests: people asking for sensitive help are often vulnerable, and a brand-new account is the easiest to fake.
    /// </summary>
    public int NewMemberDays { get; set; } = 7;
}
