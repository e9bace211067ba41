using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidHelperCategoryConfiguration : IEntityTypeConfiguration<AidHelperCategory>
{
    public void Configure(EntityTypeBuilder<AidHelperCategory> builder)
    {
        builder.HasKey(h => new { h.AccountId, h.CategoryId });
        // Matching starts from the category.
        builder.HasIndex(h => new { h.CategoryId, h.AccountId });
        builder.HasOne<Account>().WithMany().HasForeignKey(h => h.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AidCategory>().WithMany().HasForeignKey(h => h.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
