using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ReportedStatusConfiguration : IEntityTypeConfiguration<ReportedStatus>
{
    public void Configure(EntityTypeBuilder<ReportedStatus> builder)
    {
        builder.HasKey(s => new { s.ReportId, s.StatusId });
        builder.Property(s => s.SpoilerText).HasMaxLength(2_000);
        builder.Property(s => s.Visibility).HasConversion<string>().HasMaxLength(16);
        // No key to the post: the snapshot outlives it by design.
        builder.HasOne<Report>().WithMany(r => r.Snapshot).HasForeignKey(s => s.ReportId).OnDelete(DeleteBehavior.Cascade);
    }
}
