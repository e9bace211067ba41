using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StaffTagConfiguration : IEntityTypeConfiguration<StaffTag>
{
    public void Configure(EntityTypeBuilder<StaffTag> builder)
    {
        builder.Property(t => t.Id).ValueGeneratedNever();
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.NameNormalized).HasMaxLength(100);
        // The people list filters by a current tag: (NameNormalized, RemovedAt IS NULL) → accounts.
        builder.HasIndex(t => new { t.NameNormalized, t.RemovedAt, t.AccountId });
        builder.HasIndex(t => new { t.AccountId, t.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.AddedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.RemovedById).OnDelete(DeleteBehavior.Restrict);
    }
}
