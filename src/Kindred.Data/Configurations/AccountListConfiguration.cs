using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AccountListConfiguration : IEntityTypeConfiguration<AccountList>
{
    public void Configure(EntityTypeBuilder<AccountList> builder)
    {
        builder.ToTable("Lists");
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.Title).HasMaxLength(100);
        builder.HasIndex(l => new { l.AccountId, l.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(l => l.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
