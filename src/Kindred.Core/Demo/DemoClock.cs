namespace Kindred.Core.Demo;

/// <summary>
/// The clock the demo seeder hands to the real services, set to each planned moment before the action runs, so a
/// post written "three weeks ago" gets that CreatedAt, and so do its notifications, its favourites and the follows.
/// </summary>
public sealed class DemoClock(DateTime start) : TimeProvider
{
    public DateTime Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc), TimeSpan.Zero);
}
