namespace Kindred.Core.Events;

/// <summary>The "Kindred:Events:Reminders" configuration section (README table, ADR 34).</summary>
public sealed class EventRemindersOptions
{
    public const string Section = "Kindred:Events:Reminders";

    /// <summary>Whether this server process runs the reminder job; several processes may all run it safely.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often, in seconds, the job looks for reminders and follow-ups that are due.</summary>
    public double CheckSeconds { get; set; } = 60;

    /// <summary>How long before an occurrence the first reminder goes out; zero turns it off.</summary>
    public TimeSpan DayBefore { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long before an occurrence the last reminder goes out; zero turns it off.</summary>
    public TimeSpan HourBefore { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after an occurrence ends the follow-up prompts go out.</summary>
    public TimeSpan FollowUpAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How late a reminder or follow-up may still go out: after a long outage, prompts about gatherings long past (or a
    /// "day before" reminder minutes before the start) are skipped rather than sent late.
    /// </summary>
    public TimeSpan FollowUpWindow { get; set; } = TimeSpan.FromDays(2);
}
