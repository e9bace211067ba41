using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class InstanceRuleConfiguration : IEntityTypeConfiguration<InstanceRule>
{
    public void Configure(EntityTypeBuilder<InstanceRule> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Text).HasMaxLength(500);
        builder.Property(r => r.Hint).HasMaxLength(1000);
    }
}
