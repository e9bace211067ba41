using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AidMessageConfiguration : IEntityTypeConfiguration<AidMessage>
{
    public void Configure(EntityTypeBuilder<AidMessage> builder)
    {
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Text).HasMaxLength(5_000);
        builder.HasIndex(m => new { m.ResponseId, m.Id });
        builder.HasOne<AidResponse>().WithMany().HasForeignKey(m => m.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}
