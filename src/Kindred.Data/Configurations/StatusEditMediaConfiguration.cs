using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StatusEditMediaConfiguration : IEntityTypeConfiguration<StatusEditMedia>
{
    public void Configure(EntityTypeBuilder<StatusEditMedia> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Description).HasMaxLength(1_500);
        builder.HasIndex(e => new { e.StatusEditId, e.Position });
        // The cleanup asks whether a dropped image still appears in a live post's history.
        builder.HasIndex(e => e.MediaAttachmentId);
        builder.HasOne<StatusEdit>().WithMany().HasForeignKey(e => e.StatusEditId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MediaAttachment>().WithMany().HasForeignKey(e => e.MediaAttachmentId).OnDelete(DeleteBehavior.Cascade);
    }
}
