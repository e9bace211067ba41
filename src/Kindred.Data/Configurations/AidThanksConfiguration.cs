using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidThanksConfiguration : IEntityTypeConfiguration<AidThanks>
{
    public void Configure(EntityTypeBuilder<AidThanks> builder)
    {
        builder.HasKey(t => t.ResponseId);
        builder.Property(t => t.Text).HasMaxLength(1_000);
        // The helper's profile lists the thanks both agreed to show.
        builder.HasIndex(t => t.ToAccountId);
        builder.HasOne<AidResponse>().WithOne().HasForeignKey<AidThanks>(t => t.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.FromAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(t => t.ToAccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
