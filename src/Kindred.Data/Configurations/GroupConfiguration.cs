using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> builder)
    {
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Slug).HasMaxLength(60);
        builder.Property(g => g.Name).HasMaxLength(100);
        builder.Property(g => g.Description).HasMaxLength(5_000);
        builder.Property(g => g.DescriptionHtml).HasMaxLength(20_000);
        builder.Property(g => g.Rules).HasMaxLength(5_000);
        builder.Property(g => g.RulesHtml).HasMaxLength(20_000);
        builder.Property(g => g.AvatarFile).HasMaxLength(100);
        builder.Property(g => g.HeaderFile).HasMaxLength(100);
        builder.Property(g => g.AreaName).HasMaxLength(100);
        builder.HasIndex(g => g.Slug).IsUnique();
        builder.HasIndex(g => g.ParentId);
        // "Near me" prefilters on a bounding box before the exact distance.
        builder.HasIndex(g => new { g.Latitude, g.Longitude });
        builder.HasIndex(g => g.LastStatusAt);
        builder.HasOne<Group>().WithMany().HasForeignKey(g => g.ParentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(g => g.CreatedById).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Tags).WithOne().HasForeignKey(t => t.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Questions).WithOne().HasForeignKey(q => q.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
