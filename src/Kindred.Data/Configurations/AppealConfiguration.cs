using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AppealConfiguration : IEntityTypeConfiguration<Appeal>
{
    public void Configure(EntityTypeBuilder<Appeal> builder)
    {
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Text).HasMaxLength(4_000);
        builder.Property(a => a.Reply).HasMaxLength(4_000);
        // Once per strike, whatever two requests at once try.
        builder.HasIndex(a => a.StrikeId).IsUnique();
        // The console's queue and count: the waiting ones, oldest first.
        builder.HasIndex(a => new { a.DecidedAt, a.Id });
        builder.HasIndex(a => a.AccountId);
        builder.HasOne<Strike>().WithMany().HasForeignKey(a => a.StrikeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(a => a.DeciderId).OnDelete(DeleteBehavior.SetNull);
    }
}
