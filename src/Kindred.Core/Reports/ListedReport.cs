using Kindred.Data.Entities;

namespace Kindred.Core.Reports;

/// <summary>A report with the two accounts it concerns, for the staff list.</summary>
public sealed record ListedReport(Report Report, Account Reporter, Account Target);
