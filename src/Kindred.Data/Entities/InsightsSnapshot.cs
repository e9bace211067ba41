namespace Kindred.Data.Entities;

/// <summary>
/// The insights figures over one period, computed by a job so that the staff page and the funder report read a stored
/// result instead of counting the whole community on request (ADR 57). <see cref="Figures"/> is the JSON of the
/// figures with every count over fewer than five people already suppressed. A row without <see cref="ComputedAt"/> is
/// a funder report still being prepared.
/// </summary>
public class InsightsSnapshot
{
    public long Id { get; set; }

    /// <summary>The first instant counted (UTC).</summary>
    public DateTime PeriodStart { get; set; }

    /// <summary>The first instant no longer counted (UTC).</summary>
    public DateTime PeriodEnd { get; set; }

    /// <summary>The staff member who asked for this report; null for the recurring snapshot.</summary>
    public long? RequestedById { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? ComputedAt { get; set; }

    /// <summary>How long computing took, in milliseconds.</summary>
    public long DurationMs { get; set; }

    public string Figures { get; set; } = "";
}
