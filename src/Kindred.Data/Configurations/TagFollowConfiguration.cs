using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class TagFollowConfiguration : IEntityTypeConfiguration<TagFollow>
{
    public void Configure(EntityTypeBuilder<TagFollow> builder)
    {
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.HasIndex(f => new { f.AccountId, f.TagId }).IsUnique();
        // The member's list pages by id; the fan-out reads a tag's followers.
        builder.HasIndex(f => new { f.AccountId, f.Id });
        builder.HasIndex(f => new { f.TagId, f.AccountId });
        builder.HasOne<Account>().WithMany().HasForeignKey(f => f.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(f => f.Tag).WithMany().HasForeignKey(f => f.TagId).OnDelete(DeleteBehavior.Cascade);
    }
}
