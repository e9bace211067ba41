namespace Kindred.Core.PublicFace;

/// <summary>One week of <see cref="InstanceStatistics.ActivityAsync"/>.</summary>
public sealed record WeekActivity(DateTimeOffset Week, int Statuses, int Logins, int Registrations);
