using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.AccountId, r.TargetAccountId }).IsUnique();
        // Lists page by id from either side: the accounts one acts on, and the accounts that act on one.
        builder.HasIndex(r => new { r.AccountId, r.Id });
        builder.HasIndex(r => new { r.TargetAccountId, r.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.TargetAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
