using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.Property(n => n.Id).ValueGeneratedNever();
        builder.Property(n => n.Type).HasMaxLength(32);
        // The recipient's list pages by id.
        builder.HasIndex(n => new { n.AccountId, n.Id });
        builder.HasIndex(n => n.FromAccountId);
        builder.Property(n => n.GroupKey).HasMaxLength(64);
        // Grouped notifications look up a group's members and the newest group of a kind (ADR 79).
        builder.HasIndex(n => new { n.AccountId, n.GroupKey });
        builder.HasIndex(n => n.StatusId);
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(n => n.FromAccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Status>().WithMany().HasForeignKey(n => n.StatusId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.ReportId);
        builder.HasOne<Report>().WithMany().HasForeignKey(n => n.ReportId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.GroupId);
        builder.HasOne<Group>().WithMany().HasForeignKey(n => n.GroupId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.AidItemId);
        builder.HasOne<AidItem>().WithMany().HasForeignKey(n => n.AidItemId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => n.EventId);
        builder.HasOne<Event>().WithMany().HasForeignKey(n => n.EventId).OnDelete(DeleteBehavior.Cascade);
    }
}
