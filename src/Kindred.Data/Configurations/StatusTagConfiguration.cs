using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StatusTagConfiguration : IEntityTypeConfiguration<StatusTag>
{
    public void Configure(EntityTypeBuilder<StatusTag> builder)
    {
        builder.HasKey(t => new { t.StatusId, t.TagId });
        // The hashtag timeline reads a tag's statuses newest first.
        builder.HasIndex(t => new { t.TagId, t.StatusId });
        builder.HasOne(t => t.Tag).WithMany().HasForeignKey(t => t.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
