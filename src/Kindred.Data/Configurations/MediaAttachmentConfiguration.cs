using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class MediaAttachmentConfiguration : IEntityTypeConfiguration<MediaAttachment>
{
    public void Configure(EntityTypeBuilder<MediaAttachment> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.File).HasMaxLength(200);
        builder.Property(m => m.ThumbnailFile).HasMaxLength(200);
        builder.Property(m => m.Description).HasMaxLength(1_500);
        builder.Property(m => m.Blurhash).HasMaxLength(100);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AccountId).OnDelete(DeleteBehavior.Cascade);
        // A status row is never hard-deleted while its media live (deletion is soft), so the link is cut, not cascaded.
        builder.HasOne<Status>().WithMany().HasForeignKey(m => m.StatusId).OnDelete(DeleteBehavior.SetNull);
        // Cancelling a scheduled post leaves its images unattached, for the cleanup.
        builder.HasOne<ScheduledStatus>().WithMany().HasForeignKey(m => m.ScheduledStatusId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => m.ScheduledStatusId);
        // Rendering loads media by status; "only media" asks whether a status has any; the cleanup looks for old orphans.
        builder.HasIndex(m => new { m.StatusId, m.Position });
        builder.HasIndex(m => m.UnattachedSince);
        builder.HasIndex(m => m.AccountId);
    }
}
