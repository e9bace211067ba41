using Kindred.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kindred.Data.Configurations;

public sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.HasKey(m => m.StatusId);
        builder.Property(m => m.StatusId).ValueGeneratedNever();
        builder.HasIndex(m => new { m.ConversationId, m.StatusId });
        builder.HasOne<Status>().WithMany().HasForeignKey(m => m.StatusId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<InboxConversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
