namespace Kindred.Core.Jobs;

/// <summary>
/// Rows a feature keeps only as long as they are needed (ADR 62): the hourly <see cref="JobCleanupJob"/> asks each
/// rule to delete what it no longer needs. The rule lives with its feature, which knows when a row stops mattering;
/// the cleanup job sits below the features and only runs them.
/// </summary>
public interface IRowRetention
{
    /// <summary>Deletes the rows no longer needed at <paramref name="now"/>; answers how many went.</summary>
    Task<int> DeleteExpiredAsync(DateTime now, CancellationToken ct);
}
