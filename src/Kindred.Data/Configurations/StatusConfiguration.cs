using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class StatusConfiguration : IEntityTypeConfiguration<Status>
{
    public void Configure(EntityTypeBuilder<Status> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Text).HasMaxLength(10_000);
        builder.Property(s => s.SpoilerText).HasMaxLength(2_000);
        builder.Property(s => s.Language).HasMaxLength(10);
        builder.Property(s => s.IdempotencyKey).HasMaxLength(100);
        // A remote Note is stored once, whichever delivery brings it first (ADR 101).
        builder.Property(s => s.Uri).HasMaxLength(2048);
        builder.HasIndex(s => s.Uri).IsUnique().HasFilter("\"Uri\" IS NOT NULL");
        builder.HasOne(s => s.Account).WithMany().HasForeignKey(s => s.AccountId).OnDelete(DeleteBehavior.Cascade);
        // Account statuses page by id per author; threads walk replies; boosts are found per original and booster.
        builder.HasIndex(s => new { s.AccountId, s.Id });
        // statuses_count counts an author's live statuses from this index alone; counting through (AccountId, Id) read
        // every status row for DeletedAt, 0.8 s for five busy authors on PostgreSQL at scale L (ADR 39).
        builder.HasIndex(s => s.AccountId, "IX_Statuses_AccountId_Live").HasFilter("\"DeletedAt\" IS NULL");
        builder.HasIndex(s => s.InReplyToId);
        // Boosts only: "ReblogOfId IS NULL" (every original post) must not look usable through this index, or SQLite
        // walks nearly all statuses in author order and sorts them (32 s for the public timeline at scale L, ADR 33).
        builder.HasIndex(s => new { s.ReblogOfId, s.AccountId }).HasFilter("\"ReblogOfId\" IS NOT NULL");
        builder.HasIndex(s => new { s.AccountId, s.IdempotencyKey });
        // Pinned posts only, a few per account: a profile's pinned posts are looked up here before their page (ADR 39).
        builder.HasIndex(s => new { s.AccountId, s.PinnedAt }).HasFilter("\"PinnedAt\" IS NOT NULL");
        // A group's feed pages by id per group.
        builder.HasIndex(s => new { s.GroupId, s.Id });
        builder.HasOne<Group>().WithMany().HasForeignKey(s => s.GroupId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(s => s.Mentions).WithOne().HasForeignKey(m => m.StatusId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Tags).WithOne().HasForeignKey(t => t.StatusId).OnDelete(DeleteBehavior.Cascade);
    }
}
