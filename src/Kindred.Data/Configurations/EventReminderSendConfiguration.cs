using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class EventReminderSendConfiguration : IEntityTypeConfiguration<EventReminderSend>
{
    public void Configure(EntityTypeBuilder<EventReminderSend> builder)
    {
        builder.HasKey(s => new { s.EventId, s.OccurrenceStartsAt, s.AccountId, s.Kind });
        builder.Property(s => s.Kind).HasMaxLength(16);
        builder.HasOne<Event>().WithMany().HasForeignKey(s => s.EventId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
    }
}
