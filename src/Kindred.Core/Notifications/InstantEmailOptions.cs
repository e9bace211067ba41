namespace Kindred.Core.Notifications;

/// <summary>The "Kindred:InstantEmail" section (README, ADR 82).</summary>
public sealed class InstantEmailOptions
{
    public const string Section = "Kindred:InstantEmail";

    /// <summary>Whether this process looks for instant e-mails to send.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the job looks.</summary>
    public int CheckSeconds { get; set; } = 60;

    /// <summary>How long a member's first unsent notification waits for others to join it in one mail.</summary>
    public int CollectSeconds { get; set; } = 180;

    /// <summary>Mentions and private messages are mailed only to members not seen for this long.</summary>
    public int AwayMinutes { get; set; } = 60;

    /// <summary>Members looked at per round; the rest wait for the next.</summary>
    public int BatchSize { get; set; } = 200;
}
