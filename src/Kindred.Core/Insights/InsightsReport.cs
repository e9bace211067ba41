namespace Kindred.Core.Insights;

/// <summary>A stored snapshot as the front doors see it: its period, who asked for it (null: the recurring one), and its
/// figures once computed (null while the job has not run yet).</summary>
public sealed record InsightsReport(long Id, DateTime From, DateTime To, long? RequestedById, DateTime CreatedAt, DateTime? ComputedAt, long DurationMs, InsightFigures? Figures)
{
    public bool Ready => Figures is not null;
}
