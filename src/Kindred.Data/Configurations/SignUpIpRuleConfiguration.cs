using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class SignUpIpRuleConfiguration : IEntityTypeConfiguration<SignUpIpRule>
{
    public void Configure(EntityTypeBuilder<SignUpIpRule> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Network).HasMaxLength(64);
        builder.HasIndex(r => r.Network).IsUnique();
        builder.Property(r => r.Severity).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Comment).HasMaxLength(500);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.CreatedById).OnDelete(DeleteBehavior.SetNull);
    }
}
