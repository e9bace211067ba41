using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class GroupTagConfiguration : IEntityTypeConfiguration<GroupTag>
{
    public void Configure(EntityTypeBuilder<GroupTag> builder)
    {
        builder.HasKey(t => new { t.GroupId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(50);
        builder.Property(t => t.Display).HasMaxLength(50);
        builder.HasIndex(t => t.Name);
    }
}
