using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.HasIndex(r => new { r.AccountId, r.StatusId }).IsUnique();
        // The owner's list pages by id; counts and "who did this" read by status.
        builder.HasIndex(r => new { r.AccountId, r.Id });
        builder.HasIndex(r => new { r.StatusId, r.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Status>().WithMany().HasForeignKey(r => r.StatusId).OnDelete(DeleteBehavior.Cascade);
    }
}
