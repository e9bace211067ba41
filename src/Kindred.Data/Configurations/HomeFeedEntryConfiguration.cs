using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class HomeFeedEntryConfiguration : IEntityTypeConfiguration<HomeFeedEntry>
{
    public void Configure(EntityTypeBuilder<HomeFeedEntry> builder)
    {
        // The key is the read path: one member's entries, newest status first.
        builder.HasKey(e => new { e.AccountId, e.StatusId });
        builder.HasIndex(e => e.StatusId);
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Status>().WithMany().HasForeignKey(e => e.StatusId).OnDelete(DeleteBehavior.Cascade);
    }
}
