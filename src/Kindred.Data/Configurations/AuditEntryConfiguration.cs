using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Action).HasMaxLength(64);
        builder.Property(e => e.TargetKind).HasMaxLength(32);
        builder.Property(e => e.Summary).HasMaxLength(500);
        builder.Property(e => e.Before).HasMaxLength(20_000);
        builder.Property(e => e.After).HasMaxLength(20_000);
        // The log pages newest first by id, filtered by actor or action.
        builder.HasIndex(e => new { e.ActorId, e.Id });
        builder.HasIndex(e => new { e.Action, e.Id });
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.ActorId).OnDelete(DeleteBehavior.SetNull);
    }
}
