using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidResponseConfiguration : IEntityTypeConfiguration<AidResponse>
{
    public void Configure(EntityTypeBuilder<AidResponse> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        // One conversation per person and item.
        builder.HasIndex(r => new { r.ItemId, r.ResponderId }).IsUnique();
        builder.HasIndex(r => new { r.ResponderId, r.LastMessageAt });
        builder.HasOne<AidItem>().WithMany().HasForeignKey(r => r.ItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.ResponderId).OnDelete(DeleteBehavior.Cascade);
    }
}
