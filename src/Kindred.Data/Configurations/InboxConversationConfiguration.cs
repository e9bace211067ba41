using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class InboxConversationConfiguration : IEntityTypeConfiguration<InboxConversation>
{
    public void Configure(EntityTypeBuilder<InboxConversation> builder)
    {
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Kind).HasMaxLength(16);
        builder.Property(c => c.State).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(c => new { c.State, c.WaitingSince });
        builder.HasIndex(c => c.AssignedToId);
        builder.HasIndex(c => c.OpenedAt);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AccountId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Status>().WithMany().HasForeignKey(c => c.FirstStatusId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.AssignedToId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Account>().WithMany().HasForeignKey(c => c.ReplyingId).OnDelete(DeleteBehavior.SetNull);
    }
}
