using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class FeaturedTagConfiguration : IEntityTypeConfiguration<FeaturedTag>
{
    public void Configure(EntityTypeBuilder<FeaturedTag> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasIndex(f => new { f.AccountId, f.TagId }).IsUnique();
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.Tag).WithMany().HasForeignKey(f => f.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
