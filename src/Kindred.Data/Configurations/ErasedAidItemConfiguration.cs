using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ErasedAidItemConfiguration : IEntityTypeConfiguration<ErasedAidItem>
{
    public void Configure(EntityTypeBuilder<ErasedAidItem> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.AreaName).HasMaxLength(100);
        builder.HasIndex(i => new { i.Kind, i.CreatedAt });
        builder.HasOne<AidCategory>().WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}
