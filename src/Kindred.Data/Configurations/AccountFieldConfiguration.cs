using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AccountFieldConfiguration : IEntityTypeConfiguration<AccountField>
{
    public void Configure(EntityTypeBuilder<AccountField> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.Name).HasMaxLength(255);
        builder.Property(f => f.Value).HasMaxLength(255);
        builder.HasIndex(f => new { f.AccountId, f.Position });
    }
}
