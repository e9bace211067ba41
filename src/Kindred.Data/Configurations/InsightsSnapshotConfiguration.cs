using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class InsightsSnapshotConfiguration : IEntityTypeConfiguration<InsightsSnapshot>
{
    public void Configure(EntityTypeBuilder<InsightsSnapshot> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        // The page reads the newest recurring snapshot.
        builder.HasIndex(s => new { s.RequestedById, s.ComputedAt });
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.RequestedById).OnDelete(DeleteBehavior.Cascade);
    }
}
