using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class InboxActivityConfiguration : IEntityTypeConfiguration<InboxActivity>
{
    public void Configure(EntityTypeBuilder<InboxActivity> builder)
    {
        // Idempotent by activity id: a redelivery finds its row instead of adding another.
        builder.HasIndex(a => a.ActivityId).IsUnique();
        builder.Property(a => a.ActivityId).HasMaxLength(2048);
        builder.Property(a => a.Type).HasMaxLength(100);
        builder.Property(a => a.Actor).HasMaxLength(2048);
        builder.Property(a => a.Recipient).HasMaxLength(200);
        builder.HasIndex(a => a.ReceivedAt);
    }
}
