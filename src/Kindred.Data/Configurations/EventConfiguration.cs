using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Title).HasMaxLength(200);
        builder.Property(e => e.Description).HasMaxLength(10_000);
        builder.Property(e => e.DescriptionHtml).HasMaxLength(40_000);
        builder.Property(e => e.TimeZone).HasMaxLength(64);
        builder.Property(e => e.Recurrence).HasMaxLength(500);
        builder.Property(e => e.RecurrenceExceptions).HasMaxLength(4_000);
        builder.Property(e => e.PlaceName).HasMaxLength(200);
        builder.Property(e => e.Address).HasMaxLength(500);
        builder.Property(e => e.AreaName).HasMaxLength(100);
        builder.Property(e => e.OnlineUrl).HasMaxLength(2_000);
        // Upcoming lists order by start; recurring series are expanded in memory from their first start.
        builder.HasIndex(e => e.StartsAt);
        builder.HasIndex(e => new { e.GroupId, e.StartsAt });
        builder.HasIndex(e => new { e.Latitude, e.Longitude });
        builder.HasIndex(e => e.OrganizerId);
        builder.HasIndex(e => e.StatusId);
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.OrganizerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Group>().WithMany().HasForeignKey(e => e.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Status>().WithMany().HasForeignKey(e => e.StatusId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(e => e.Questions).WithOne().HasForeignKey(q => q.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
