using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidItemViewConfiguration : IEntityTypeConfiguration<AidItemView>
{
    public void Configure(EntityTypeBuilder<AidItemView> builder)
    {
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Via).HasMaxLength(8);
        builder.HasIndex(v => new { v.ItemId, v.Id });
        builder.HasOne<AidItem>().WithMany().HasForeignKey(v => v.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(v => v.ViewerId).OnDelete(DeleteBehavior.Cascade);
    }
}
