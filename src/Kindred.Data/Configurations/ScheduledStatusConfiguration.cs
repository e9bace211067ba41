using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class ScheduledStatusConfiguration : IEntityTypeConfiguration<ScheduledStatus>
{
    public void Configure(EntityTypeBuilder<ScheduledStatus> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Failure).HasMaxLength(500);
        // The author's list pages by id; the limits count by author and time.
        builder.HasIndex(s => new { s.AccountId, s.Id });
        builder.HasIndex(s => new { s.AccountId, s.ScheduledAt });
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
