using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class NodeLeaseConfiguration : IEntityTypeConfiguration<NodeLease>
{
    public void Configure(EntityTypeBuilder<NodeLease> builder)
    {
        builder.HasKey(l => l.Number);
        builder.Property(l => l.Number).ValueGeneratedNever();
        builder.Property(l => l.Holder).HasMaxLength(200);
    }
}
