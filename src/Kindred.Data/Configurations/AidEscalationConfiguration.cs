using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidEscalationConfiguration : IEntityTypeConfiguration<AidEscalation>
{
    public void Configure(EntityTypeBuilder<AidEscalation> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Reason).HasMaxLength(2_000);
        builder.Property(e => e.ReviewNote).HasMaxLength(2_000);
        // The leads' queue: unreviewed first.
        builder.HasIndex(e => new { e.ReviewedAt, e.Id });
        builder.HasIndex(e => e.ResponseId);
        builder.HasOne<AidResponse>().WithMany().HasForeignKey(e => e.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.RaisedById).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.ReviewedById).OnDelete(DeleteBehavior.SetNull);
    }
}
