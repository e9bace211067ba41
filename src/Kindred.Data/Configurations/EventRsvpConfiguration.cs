using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class EventRsvpConfiguration : IEntityTypeConfiguration<EventRsvp>
{
    public void Configure(EntityTypeBuilder<EventRsvp> builder)
    {
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Answer1).HasMaxLength(1_000);
        builder.Property(r => r.Answer2).HasMaxLength(1_000);
        builder.Property(r => r.Answer3).HasMaxLength(1_000);
        // One answer per person and occurrence; the attendee list and the waiting list read by occurrence.
        builder.HasIndex(r => new { r.EventId, r.OccurrenceStartsAt, r.AccountId }).IsUnique();
        builder.HasIndex(r => new { r.EventId, r.OccurrenceStartsAt, r.Response, r.UpdatedAt });
        // "My events" and the personal calendar feed.
        builder.HasIndex(r => new { r.AccountId, r.OccurrenceStartsAt });
        builder.HasOne<Event>().WithMany().HasForeignKey(r => r.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(r => r.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
