using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class SafetyEscalationConfiguration : IEntityTypeConfiguration<SafetyEscalation>
{
    public void Configure(EntityTypeBuilder<SafetyEscalation> builder)
    {
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.Reason).HasMaxLength(2_000);
        builder.Property(e => e.ReviewNote).HasMaxLength(2_000);
        // The leads' queue: unreviewed first.
        builder.HasIndex(e => new { e.ReviewedAt, e.Id });
        builder.HasIndex(e => e.ConversationId);
        builder.HasIndex(e => e.AccountId);
        builder.HasIndex(e => e.RaisedById);
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.RaisedById).OnDelete(DeleteBehavior.Cascade);
        // The person it is about deleting their account must not erase what was raised about them.
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.AccountId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Conversation>().WithMany().HasForeignKey(e => e.ConversationId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(e => e.ReviewedById).OnDelete(DeleteBehavior.SetNull);
    }
}
