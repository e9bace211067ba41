using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidItemConfiguration : IEntityTypeConfiguration<AidItem>
{
    public void Configure(EntityTypeBuilder<AidItem> builder)
    {
        builder.Property(i => i.Id).ValueGeneratedNever();
        builder.Property(i => i.Title).HasMaxLength(120);
        builder.Property(i => i.Description).HasMaxLength(5_000);
        builder.Property(i => i.DescriptionHtml).HasMaxLength(20_000);
        builder.Property(i => i.SearchText).HasMaxLength(5_200);
        builder.Property(i => i.AreaName).HasMaxLength(100);
        // Browsing (/aid) lists open items newest first, filtered by kind; "near me" prefilters on a bounding box.
        builder.HasIndex(i => new { i.State, i.Kind, i.Id });
        builder.HasIndex(i => new { i.Latitude, i.Longitude });
        builder.HasIndex(i => new { i.AccountId, i.Id });
        builder.HasIndex(i => i.GroupId);
        // The expiry job looks for items due to close or to be nudged.
        builder.HasIndex(i => new { i.State, i.ExpiresAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(i => i.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<AidCategory>().WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Group>().WithMany().HasForeignKey(i => i.GroupId).OnDelete(DeleteBehavior.Cascade);
    }
}
