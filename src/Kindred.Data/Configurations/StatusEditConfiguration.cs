using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StatusEditConfiguration : IEntityTypeConfiguration<StatusEdit>
{
    public void Configure(EntityTypeBuilder<StatusEdit> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Text).HasMaxLength(10_000);
        builder.Property(e => e.SpoilerText).HasMaxLength(2_000);
        builder.Property(e => e.PollOptions).HasMaxLength(2_000);
        builder.HasIndex(e => new { e.StatusId, e.Id });
        builder.HasOne<Status>().WithMany().HasForeignKey(e => e.StatusId).OnDelete(DeleteBehavior.Cascade);
    }
}
