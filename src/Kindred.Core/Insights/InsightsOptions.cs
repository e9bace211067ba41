namespace Kindred.Core.Insights;

/// <summary>The "Kindred:Insights" configuration section (README table).</summary>
public sealed class InsightsOptions
{
    public const string Section = "Kindred:Insights";

    /// <summary>How often the recurring snapshot is computed, in seconds; 0 turns the job off in this process.</summary>
    public double EverySeconds { get; set; } = 3600;

    /// <summary>How many days back the recurring snapshot covers.</summary>
    public int PeriodDays { get; set; } = 365;
}
