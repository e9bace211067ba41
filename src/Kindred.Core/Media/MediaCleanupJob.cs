using Kindred.Core.Jobs;
using Kindred.Data.Entities;

namespace Kindred.Core.Media;

/// <summary>Hourly, removes uploads nobody posted within a day and the images of deleted posts
/// (<see cref="MediaService.CleanupAsync"/>). A missed round only delays the cleanup; nothing depends on its timing.</summary>
public sealed class MediaCleanupJob(MediaService media) : IJobHandler
{
    public string Kind => "media.cleanup";

    public TimeSpan? Every => TimeSpan.FromHours(1);

    public Task<int> RunAsync(Job job, CancellationToken ct) => media.CleanupAsync(ct);
}
