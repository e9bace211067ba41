using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AccountDomainBlockConfiguration : IEntityTypeConfiguration<AccountDomainBlock>
{
    public void Configure(EntityTypeBuilder<AccountDomainBlock> builder)
    {
        builder.Property(b => b.Id).ValueGeneratedNever();
        builder.Property(b => b.Domain).HasMaxLength(253);
        builder.HasIndex(b => new { b.AccountId, b.Domain }).IsUnique();
        builder.HasIndex(b => new { b.AccountId, b.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(b => b.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
