using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ReservedUsernameConfiguration : IEntityTypeConfiguration<ReservedUsername>
{
    public void Configure(EntityTypeBuilder<ReservedUsername> builder)
    {
        builder.HasKey(r => r.UsernameNormalized);
        builder.Property(r => r.UsernameNormalized).HasMaxLength(30);
    }
}
