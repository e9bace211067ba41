using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class FilterConfiguration : IEntityTypeConfiguration<Filter>
{
    public void Configure(EntityTypeBuilder<Filter> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Title).HasMaxLength(200);
        builder.HasIndex(f => new { f.AccountId, f.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Keywords).WithOne().HasForeignKey(k => k.FilterId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(f => f.Statuses).WithOne().HasForeignKey(s => s.FilterId).OnDelete(DeleteBehavior.Cascade);
    }
}
