using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AccountTagConfiguration : IEntityTypeConfiguration<AccountTag>
{
    public void Configure(EntityTypeBuilder<AccountTag> builder)
    {
        builder.HasKey(t => new { t.AccountId, t.Kind, t.Name });
        builder.Property(t => t.Name).HasMaxLength(50);
        builder.Property(t => t.Display).HasMaxLength(50);
        builder.HasIndex(t => new { t.Kind, t.Name });
    }
}
